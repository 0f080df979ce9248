using System.Buffers.Binary;
using System.Globalization;

namespace Strata.Hosting.Probes;

/// <summary>
/// Sends MongoDB's handshake command <c>{hello: 1, $db: "admin"}</c> as an OP_MSG over the wire protocol and is
/// healthy when the reply says <c>ok: 1</c>. hello needs no login, so the check works before the application's
/// client authenticates; a server that is starting, or not MongoDB at all, fails it.
/// </summary>
public sealed class MongodbHealthCheck(string datastore, MongodbEndpoint endpoint)
    : StoreHealthCheck(datastore, "MongoDB", endpoint.Address.ToString())
{
    private const int OpMsg = 2013;
    private const int HeaderSize = 16;

    /// <summary>MongoDB's own limit on a message (maxMessageSizeBytes): anything larger is not a MongoDB reply.</summary>
    private const int MaxMessageSize = 48_000_000;

    public static MongodbHealthCheck Create(string datastore, IConfiguration configuration) =>
        new(datastore, Configured(configuration, datastore, MongodbEndpoint.Parse));

    protected override async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var stream = await ConnectAsync(endpoint.Address, endpoint.Tls, cancellationToken);
        await stream.WriteAsync(Message(MongodbBson.Write(("hello", 1), ("$db", "admin"))), cancellationToken);

        var header = new byte[HeaderSize];
        await stream.ReadExactlyAsync(header, cancellationToken);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var opCode = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        if (length is < HeaderSize + 5 or > MaxMessageSize || opCode != OpMsg)
        {
            throw new InvalidDataException("The server did not answer in the MongoDB wire protocol (no OP_MSG reply).");
        }

        // flagBits (4 bytes), then section kind 0: the reply document. A trailing checksum, if flagged, is ignored.
        var body = new byte[length - HeaderSize];
        await stream.ReadExactlyAsync(body, cancellationToken);
        if (body.Length < 9 || body[4] != 0)
        {
            throw new InvalidDataException("The MongoDB reply does not start with a document section.");
        }

        var documentLength = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(5));
        if (documentLength < 5 || documentLength > body.Length - 5)
        {
            throw new InvalidDataException("The MongoDB reply's document is longer than its message.");
        }

        var reply = MongodbBson.ReadScalars(body.AsSpan(5, documentLength));
        if (!IsOk(reply.GetValueOrDefault("ok")))
        {
            var error = reply.GetValueOrDefault("errmsg") as string ?? "no errmsg";
            return ProbeResult.Down($"hello answered ok: 0 ({error})");
        }

        var wireVersion = reply.GetValueOrDefault("maxWireVersion") is int version ? version.ToString(CultureInfo.InvariantCulture) : "unknown";
        return ProbeResult.Up($"hello ok (wire version {wireVersion})");
    }

    /// <summary>Servers write ok as a double; some proxies as an int, a long or a boolean.</summary>
    private static bool IsOk(object? ok) => ok switch
    {
        double number => number == 1,
        int number => number == 1,
        long number => number == 1,
        bool flag => flag,
        _ => false,
    };

    /// <summary>An OP_MSG: header (length, request id, responseTo, opCode), flagBits 0, one kind-0 section.</summary>
    private static byte[] Message(byte[] document)
    {
        var message = new byte[HeaderSize + 4 + 1 + document.Length];
        BinaryPrimitives.WriteInt32LittleEndian(message, message.Length);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(4), 1);
        BinaryPrimitives.WriteInt32LittleEndian(message.AsSpan(12), OpMsg);
        document.CopyTo(message, HeaderSize + 5);
        return message;
    }
}

/// <summary>
/// Where the MongoDB check connects: the first host of a <c>mongodb://</c> connection string's seed list, with TLS
/// when the string asks for it (<c>tls=true</c> or <c>ssl=true</c>). The credentials in it are the application
/// client's business: hello needs none.
/// </summary>
public sealed record MongodbEndpoint(HostPort Address, bool Tls)
{
    public const int DefaultPort = 27017;

    public static MongodbEndpoint Parse(string connectionString)
    {
        const string scheme = "mongodb://";
        if (!connectionString.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException(
                "A MongoDB connection string must start with mongodb:// for the health check (mongodb+srv:// needs a DNS SRV lookup it does not do; list the hosts instead).");
        }

        var rest = connectionString[scheme.Length..];
        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? "" : rest[(queryStart + 1)..];
        var authority = rest[..(rest.IndexOfAny(['/', '?']) is var end and >= 0 ? end : rest.Length)];
        var hosts = authority[(authority.LastIndexOf('@') + 1)..];
        var tls = query.Split('&').Any(option =>
            option.Equals("tls=true", StringComparison.OrdinalIgnoreCase) || option.Equals("ssl=true", StringComparison.OrdinalIgnoreCase));
        return new MongodbEndpoint(HostPort.Parse(hosts.Split(',')[0], DefaultPort), tls);
    }
}
