namespace Strata.Core.Docs;

/// <summary>Levenshtein distance, for "did you mean" suggestions.</summary>
internal static class StringDistance
{
    public static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>The closest candidate when it is close enough to be a likely typo, else null.</summary>
    public static string? Nearest(string value, IEnumerable<string> candidates)
    {
        if (value.Length > DocLimits.MaxSuggestionKeyLength)
        {
            return null;
        }

        var normalized = value.Replace('_', '-');
        var best = candidates
            .Select(c => (Name: c, Distance: Levenshtein(normalized, c)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, best.Name.Length / 3) ? best.Name : null;
    }
}
