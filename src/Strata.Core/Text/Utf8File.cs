using System.Text;

namespace Strata.Core.Text;

/// <summary>Strict UTF-8 reading: invalid bytes are reported with their line instead of being replaced silently.</summary>
public static class Utf8File
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Where decoding stopped: 1-based line and column, the byte's offset in the file, and its value.</summary>
    public readonly record struct InvalidByte(int Line, int Column, int Offset, byte Value);

    /// <summary>
    /// The text of a file's bytes (a leading BOM kept as U+FEFF, which callers normalize), or null with the first
    /// invalid byte. Never throws and never replaces a byte silently.
    /// </summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes, out InvalidByte invalid)
    {
        invalid = default;
        var at = FindInvalid(bytes);
        if (at < 0)
        {
            return Strict.GetString(bytes);
        }

        var before = bytes[..at];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        invalid = new InvalidByte(1 + before.Count((byte)'\n'), at - lineStart + 1, at, bytes[at]);
        return null;
    }

    /// <summary>Index of the first byte that does not start a valid UTF-8 sequence, or -1.</summary>
    public static int FindInvalid(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return -1;
        }

        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return -1;
    }
}
