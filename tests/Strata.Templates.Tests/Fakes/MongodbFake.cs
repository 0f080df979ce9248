using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Strata.Templates.Tests.Fakes;

/// <summary>
/// Answers MongoDB's OP_MSG like a server does: it parses each request (header, flagBits, kind-0 section, BSON) and
/// records its top-level fields, then replies with a realistic hello document (nested documents, arrays, ObjectId,
/// dates, int64, so the service's BSON reader has to step over them) whose ok is 1, or 0 with an errmsg.
/// </summary>
public sealed class MongodbFake(X509Certificate2? certificate = null) : FakeTcpServer(certificate)
{
    public enum Mode
    {
        Healthy,
        NotOk,
        Hang,
    }

    public Mode Behavior { get; set; } = Mode.Healthy;

    /// <summary>The top-level fields of every command received (int32 and string values; others as their BSON type).</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, object>> Commands { get; } = new();

    protected override async Task ServeAsync(Stream stream, CancellationToken stopping)
    {
        var header = new byte[16];
        await stream.ReadExactlyAsync(header, stopping);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var requestId = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12)).ShouldBe(2013, "the request is an OP_MSG");
        var body = new byte[length - 16];
        await stream.ReadExactlyAsync(body, stopping);
        BinaryPrimitives.ReadUInt32LittleEndian(body).ShouldBe(0u, "flagBits");
        body[4].ShouldBe((byte)0, "section kind 0 (the command body)");
        Commands.Enqueue(ReadTopLevel(body.AsSpan(5)));

        if (Behavior == Mode.Hang)
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }

        var reply = Behavior == Mode.Healthy
            ? new Bson()
                .Bool("helloOk", true).Bool("isWritablePrimary", true)
                .Document("topologyVersion", new Bson().ObjectId("processId").Int64("counter", 6))
                .Array("hosts", "127.0.0.1:27017")
                .Int32("maxBsonObjectSize", 16 * 1024 * 1024).Int32("maxWireVersion", 21).Int32("minWireVersion", 0)
                .DateTime("localTime", DateTimeOffset.UtcNow)
                .Double("ok", 1)
            : new Bson().Double("ok", 0).String("errmsg", "node is recovering").Int32("code", 91).String("codeName", "ShutdownInProgress");
        await stream.WriteAsync(OpMsg(requestId, reply.ToArray()), stopping);
    }

    private static byte[] OpMsg(int responseTo, byte[] document)
    {
        var message = new byte[16 + 4 + 1 + document.Length];
        BinaryPrimitives.WriteInt32LittleEndian(message, message.Length);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), 42);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(8), responseTo);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(12), 2013);
        document.CopyTo(message, 21);
        return message;
    }

    private static Dictionary<string, object> ReadTopLevel(ReadOnlySpan<byte> document)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(document);
        document = document[..length];
        document[^1].ShouldBe((byte)0, "BSON terminator");
        var fields = new Dictionary<string, object>();
        var position = 4;
        while (document[position] != 0)
        {
            var type = document[position++];
            var nameEnd = document[position..].IndexOf((byte)0);
            var name = Encoding.UTF8.GetString(document.Slice(position, nameEnd));
            position += nameEnd + 1;
            switch (type)
            {
                case 0x10:
                    fields[name] = BinaryPrimitives.ReadInt32LittleEndian(document[position..]);
                    position += 4;
                    break;
                case 0x02:
                    var size = BinaryPrimitives.ReadInt32LittleEndian(document[position..]);
                    fields[name] = Encoding.UTF8.GetString(document.Slice(position + 4, size - 1));
                    position += 4 + size;
                    break;
                default:
                    throw new InvalidDataException($"The probe sent BSON type 0x{type:x2} for '{name}'; a hello needs only int32 and string.");
            }
        }

        return fields;
    }

    /// <summary>A BSON document writer for the replies: just the types a real hello reply carries.</summary>
    private sealed class Bson
    {
        private readonly List<byte> _fields = [];

        public Bson Double(string name, double value) => Field(0x01, name, Little(BitConverter.DoubleToInt64Bits(value)));

        public Bson String(string name, string value) => Field(0x02, name, [.. Little(Encoding.UTF8.GetByteCount(value) + 1), .. Encoding.UTF8.GetBytes(value), 0]);

        public Bson Document(string name, Bson document) => Field(0x03, name, document.ToArray());

        public Bson Array(string name, params string[] items)
        {
            var array = new Bson();
            for (var i = 0; i < items.Length; i++)
            {
                array.String(i.ToString(System.Globalization.CultureInfo.InvariantCulture), items[i]);
            }

            return Field(0x04, name, array.ToArray());
        }

        public Bson ObjectId(string name) => Field(0x07, name, Guid.NewGuid().ToByteArray()[..12]);

        public Bson Bool(string name, bool value) => Field(0x08, name, [value ? (byte)1 : (byte)0]);

        public Bson DateTime(string name, DateTimeOffset value) => Field(0x09, name, Little(value.ToUnixTimeMilliseconds()));

        public Bson Int32(string name, int value) => Field(0x10, name, Little(value));

        public Bson Int64(string name, long value) => Field(0x12, name, Little(value));

        public byte[] ToArray() => [.. Little(4 + _fields.Count + 1), .. _fields, 0];

        private Bson Field(byte type, string name, byte[] value)
        {
            _fields.Add(type);
            _fields.AddRange(Encoding.UTF8.GetBytes(name));
            _fields.Add(0);
            _fields.AddRange(value);
            return this;
        }

        private static byte[] Little(int value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
            return bytes;
        }

        private static byte[] Little(long value)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            return bytes;
        }
    }
}
