namespace Strata.Migrations.Script;

/// <summary>Migration versions are all digits (a sequence or a UTC timestamp), ordered numerically.</summary>
public static class MigrationVersion
{
    /// <summary>The canonical form stored in the history table: digits without leading zeros ("0001" -> "1").</summary>
    public static string Normalize(string digits)
    {
        var trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    public static bool IsValid(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    /// <summary>Numeric order of two digit strings of any length (timestamps overflow long in some schemes).</summary>
    public static int Compare(string a, string b)
    {
        string x = Normalize(a), y = Normalize(b);
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
    }
}
