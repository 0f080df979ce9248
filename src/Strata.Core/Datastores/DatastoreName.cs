using System.Text.RegularExpressions;

namespace Strata.Core.Datastores;

/// <summary>
/// A datastore name becomes a folder (db/&lt;name&gt;), a file (docs/data/&lt;name&gt;.md) and a resource name, so it must
/// be safe on every file system: lowercase (no case-only clashes), no separators, no reserved device names.
/// </summary>
public static partial class DatastoreName
{
    public const int MaxLength = 63;

    private static readonly HashSet<string> ReservedDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    };

    [GeneratedRegex("^[a-z][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Null when the name is safe; otherwise why it is not.</summary>
    public static string? Problem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "it is empty";
        }

        if (name.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal))
        {
            return "it contains a path separator or '..'";
        }

        if (ReservedDeviceNames.Contains(name))
        {
            return "it is a reserved device name on Windows";
        }

        return Pattern().IsMatch(name) ? null : "it contains characters other than lowercase letters, digits, '-' and '_', or does not start with a letter";
    }
}
