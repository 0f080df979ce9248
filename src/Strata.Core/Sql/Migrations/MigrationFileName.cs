using System.Text.RegularExpressions;

namespace Strata.Core.Sql.Migrations;

/// <summary>&lt;version&gt;_&lt;description&gt;.sql: version all digits, description a word with '_' or '-' between parts.</summary>
internal static partial class MigrationFileName
{
    [GeneratedRegex(@"^(?<version>[0-9]{1,32})_(?<description>[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)*)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string fileName, out string version, out string description)
    {
        var match = Pattern().Match(fileName);
        version = match.Groups["version"].Value;
        description = match.Groups["description"].Value.Replace('_', ' ').Replace('-', ' ');
        return match.Success;
    }
}
