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

    [GeneratedRegex(@"^\d{1,6}\s+(day|days|week|weeks|month|months|year|years)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Words();
}
