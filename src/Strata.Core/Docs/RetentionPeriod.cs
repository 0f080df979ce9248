using System.Text.RegularExpressions;

namespace Strata.Core.Docs;

/// <summary>A retention period: an ISO-8601 duration, "90 days" / "12 months" / "1 year" style, or "indefinite".</summary>
internal static partial class RetentionPeriod
{
    public const string Expected = "a retention period: an ISO-8601 duration like P90D, a count and unit like '90 days', '12 months' or '1 year', or 'indefinite'";

    public static bool TryParse(string? text, out string error)
    {
        text = text?.Trim() ?? string.Empty;
        error = string.Empty;
        if (text.Equals("indefinite", StringComparison.OrdinalIgnoreCase) || Words().IsMatch(text))
        {
            return true;
        }

        if (text.StartsWith('P'))
        {
            return IsoDuration.TryParse(text, out _, out error);
        }

        error = "not an ISO-8601 duration, a '<count> days|weeks|months|years' phrase, or 'indefinite'";
        return false;
    }

    /// <summary>
    /// The period's nominal length (a month 30 days, a year 365), or null for 'indefinite'; false when it does not parse.
    /// For comparing a store's own expiry (a TTL index, an ILM delete phase) with the doc.
    /// </summary>
    public static bool TryGetLength(string? text, out TimeSpan? length)
    {
        text = text?.Trim() ?? string.Empty;
        length = null;
        if (text.Equals("indefinite", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (Words().Match(text) is { Success: true } words)
        {
            var count = int.Parse(text.AsSpan(0, text.AsSpan().IndexOfAnyExceptInRange('0', '9')), System.Globalization.CultureInfo.InvariantCulture);
            var days = words.Groups[1].Value.ToLowerInvariant().TrimEnd('s') switch { "day" => 1, "week" => 7, "month" => 30, _ => 365 };
            length = TimeSpan.FromDays((double)count * days);
            return true;
        }

        if (IsoDuration.TryParse(text, out var duration, out _))
        {
            length = duration.Nominal;
            return true;
        }

        return false;
    }

    [GeneratedRegex(@"^\d{1,6}\s+(day|days|week|weeks|month|months|year|years)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Words();
}
