using System.Text.RegularExpressions;

namespace Strata.Core.Text;

/// <summary>
/// &lt;version&gt;_&lt;description&gt;.&lt;ext&gt;: version all digits, description a word with '_' or '-' between parts. The rule
/// of SQL migrations (.sql) and of schema files (.json, .cypher).
/// </summary>
internal static partial class VersionedFileName
{
    [GeneratedRegex(@"^(?<version>[0-9]{1,32})_(?<description>[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*)\.[a-z]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <param name="extension">The expected extension with its dot, lowercase (".sql").</param>
    public static bool TryParse(string fileName, string extension, out string version, out string description)
    {
        // IsMatch allocates nothing (a Match and its groups would, for every file of every build). On a match the
        // version is what precedes the first '_' (digits only) and the description runs to the first '.' after it
        // (the description cannot hold one): exactly the pattern's two groups.
        if (!fileName.EndsWith(extension, StringComparison.Ordinal) || fileName.IndexOf('.') != fileName.Length - extension.Length
            || !Pattern().IsMatch(fileName))
        {
            version = description = "";
            return false;
        }

        int underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        int dot = fileName.IndexOf('.', underscore + 1);
        version = fileName[..underscore];
        description = fileName[(underscore + 1)..dot].Replace('_', ' ').Replace('-', ' ');
        return true;
    }
}
