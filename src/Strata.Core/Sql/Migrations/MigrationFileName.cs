using System.Text.RegularExpressions;

namespace Strata.Core.Sql.Migrations;

/// <summary>&lt;version&gt;_&lt;description&gt;.sql: version all digits, description a word with '_' or '-' between parts.</summary>
internal static partial class MigrationFileName
{
    [GeneratedRegex(@"^(?<version>[0-9]{1,32})_(?<description>[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string fileName, out string version, out string description)
    {
        // IsMatch allocates nothing (a Match and its groups would, for every file of every build). On a match the
        // version is what precedes the first '_' (digits only) and the description runs to the first '.' after it
        // (the description cannot hold one): exactly the pattern's two groups.
        if (!Pattern().IsMatch(fileName))
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
