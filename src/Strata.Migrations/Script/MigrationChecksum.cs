using System.Security.Cryptography;
using System.Text;

namespace Strata.Migrations.Script;

/// <summary>Content hash of a migration body, computed on the normalized text (no BOM, LF line ends).</summary>
public static class MigrationChecksum
{
    public static string Compute(string normalizedBody) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedBody)));

    /// <summary>Strips a leading BOM and turns CRLF/CR into LF, so a checkout's line-end setting never changes a checksum.</summary>
    public static string Normalize(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }

    /// <summary>
    /// The checksum a migration file gets in the script: normalized, without its final line end (the script's body
    /// is its lines joined with LF), so saving a file with or without a trailing newline or CRLF changes nothing.
    /// </summary>
    public static string ComputeFromSource(string sourceText) => Compute(BodyFromSource(sourceText));

    /// <summary>The text a migration file contributes to the script: normalized, without its final line end.</summary>
    public static string BodyFromSource(string sourceText)
    {
        var body = Normalize(sourceText);
        return body.EndsWith('\n') ? body[..^1] : body;
    }
}
