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
}
