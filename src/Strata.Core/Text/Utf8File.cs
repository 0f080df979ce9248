using System.Text;

namespace Strata.Core.Text;

/// <summary>Strict UTF-8 reading: invalid bytes are reported with their line instead of being replaced silently.</summary>
public static class Utf8File
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public readonly record struct InvalidByte(int Line, int Column, byte Value);

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

    public static string? TryDecode(byte[] bytes, out InvalidByte invalid)
    {
        invalid = default;
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            int index = Math.Clamp(ex.Index, 0, Math.Max(0, bytes.Length - 1));
            int line = 1, lineStart = 0;
            for (int i = 0; i < index; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            byte value = ex.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : bytes.Length > 0 ? bytes[index] : (byte)0;
            invalid = new InvalidByte(line, index - lineStart + 1, value);
            return null;
        }
    }
}
