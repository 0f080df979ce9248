using System.Buffers.Binary;
using System.Text;

namespace Strata.Hosting.Probes;

/// <summary>
/// The little BSON (bsonspec.org) the MongoDB health check needs: it writes a flat document of int32 and string
/// fields, such as <c>{hello: 1, $db: "admin"}</c>, and reads the top-level scalars of a reply (ok, errmsg,
/// maxWireVersion...), stepping over every other value by the length rules of its type.
/// </summary>
public static class MongodbBson
{
    public static byte[] Write(params (string Name, object Value)[] fields)
    {
        using var buffer = new MemoryStream();
        WriteInt32(buffer, 0); // the document's length, known at the end
        foreach (var (name, value) in fields)
        {
            switch (value)
            {
                case int number:
                    buffer.WriteByte(0x10);
                    WriteCString(buffer, name);
                    WriteInt32(buffer, number);
                    break;
                case string text:
                    buffer.WriteByte(0x02);
                    WriteCString(buffer, name);
                    WriteInt32(buffer, Encoding.UTF8.GetByteCount(text) + 1);
                    WriteCString(buffer, text);
                    break;
                default:
                    throw new ArgumentException($"Field '{name}': only int and string values are written.", nameof(fields));
            }
        }

        buffer.WriteByte(0);
        var document = buffer.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(document, document.Length);
        return document;
    }

    /// <summary>Top-level doubles, strings, booleans, int32, int64 and nulls by name; other values are skipped.</summary>
    public static Dictionary<string, object?> ReadScalars(ReadOnlySpan<byte> document)
    {
        if (document.Length < 5 || BinaryPrimitives.ReadInt32LittleEndian(document) != document.Length || document[^1] != 0)
        {
            throw new InvalidDataException("The reply is not a BSON document (its length prefix or terminator is wrong).");
        }

        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        var position = 4;
        while (document[position] != 0)
        {
            var type = document[position++];
            var name = ReadCString(document, ref position);
            var value = document[position..^1];
            var size = Size(type, value);
            if (size < 0 || size > value.Length)
            {
                throw new InvalidDataException($"BSON field '{name}' runs past the end of its document.");
            }

            value = value[..size];
            switch (type)
            {
                case 0x01: fields[name] = BinaryPrimitives.ReadDoubleLittleEndian(value); break;
                case 0x02 when size > 4: fields[name] = Encoding.UTF8.GetString(value[4..^1]); break;
                case 0x08: fields[name] = value[0] != 0; break;
                case 0x0A: fields[name] = null; break;
                case 0x10: fields[name] = BinaryPrimitives.ReadInt32LittleEndian(value); break;
                case 0x12: fields[name] = BinaryPrimitives.ReadInt64LittleEndian(value); break;
                default: break; // documents, arrays, dates, ObjectIds...: not needed to judge a hello reply
            }

            position += size;
        }

        return fields;
    }

    /// <summary>The size of a value, from the BSON spec's rule for its type.</summary>
    private static int Size(byte type, ReadOnlySpan<byte> value) => type switch
    {
        0x01 or 0x09 or 0x11 or 0x12 => 8,                // double, UTC datetime, timestamp, int64
        0x02 or 0x0D or 0x0E => 4 + Int32(value),         // string, JavaScript code, symbol: length, bytes, NUL
        0x08 => 1,                                        // boolean
        0x10 => 4,                                        // int32
        0x03 or 0x04 or 0x0F => Int32(value),            // embedded document, array, code with scope: total length first
        0x05 => 5 + Int32(value),                         // binary: length, subtype, bytes
        0x06 or 0x0A or 0x7F or 0xFF => 0,                // undefined, null, max key, min key
        0x07 => 12,                                       // ObjectId
        0x0B => CStringSize(value, 0) + CStringSize(value, CStringSize(value, 0)), // regex: pattern, options
        0x0C => 4 + Int32(value) + 12,                    // DBPointer: string, ObjectId
        0x13 => 16,                                       // decimal128
        _ => throw new InvalidDataException($"Unknown BSON type 0x{type:x2} in the reply."),
    };

    private static int Int32(ReadOnlySpan<byte> value) =>
        value.Length >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(value) : throw new InvalidDataException("A BSON value is cut short.");

    private static int CStringSize(ReadOnlySpan<byte> value, int start)
    {
        var end = value[start..].IndexOf((byte)0);
        return end >= 0 ? end + 1 : throw new InvalidDataException("A BSON name or regex is not terminated.");
    }

    private static string ReadCString(ReadOnlySpan<byte> document, ref int position)
    {
        var size = CStringSize(document[..^1], position);
        var text = Encoding.UTF8.GetString(document.Slice(position, size - 1));
        position += size;
        return text;
    }

    private static void WriteInt32(Stream buffer, int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        buffer.Write(bytes);
    }

    private static void WriteCString(Stream buffer, string text)
    {
        buffer.Write(Encoding.UTF8.GetBytes(text));
        buffer.WriteByte(0);
    }
}
