using System.Globalization;
using System.Text.RegularExpressions;

namespace Strata.Core.Docs;

/// <summary>
/// An ISO-8601 duration (PnYnMnWnDTnHnMnS). Comparisons use nominal lengths: a year is 365 days, a month 30 days.
/// </summary>
internal readonly partial record struct IsoDuration(string Text, TimeSpan Nominal)
{
    public static bool TryParse(string? text, out IsoDuration duration, out string error)
    {
        duration = default;
        text = text?.Trim() ?? string.Empty;
        var match = Pattern().Match(text);
        if (!match.Success || text is "P" || text.EndsWith('T'))
        {
            error = text.Length > 0 && char.IsLower(text[0]) && Pattern().IsMatch(text.ToUpperInvariant())
                ? "ISO-8601 designators are upper case, e.g. 'PT6H'"
                : "expected an ISO-8601 duration such as PT1H, PT24H, P1D or P90D";
            return false;
        }

        double Number(string group) =>
            match.Groups[group].Success ? double.Parse(match.Groups[group].Value.Replace(',', '.'), CultureInfo.InvariantCulture) : 0;

        var days = (Number("y") * 365) + (Number("mo") * 30) + (Number("w") * 7) + Number("d")
            + (Number("h") / 24) + (Number("mi") / 1440) + (Number("s") / 86400);
        if (double.IsInfinity(days) || days >= TimeSpan.MaxValue.TotalDays - 1)
        {
            error = "the duration is too long";
            return false;
        }

        duration = new IsoDuration(text, TimeSpan.FromDays(days));
        error = string.Empty;
        return true;
    }

    [GeneratedRegex(@"^P(?:(?<y>\d{1,9})Y)?(?:(?<mo>\d{1,9})M)?(?:(?<w>\d{1,9})W)?(?:(?<d>\d{1,9})D)?(?:T(?:(?<h>\d{1,9})H)?(?:(?<mi>\d{1,9})M)?(?:(?<s>\d{1,9}(?:[.,]\d{1,9})?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>"1 day", "6 hours", "1 day 12 hours", "90 minutes" — for messages.</summary>
    public static string Humanize(TimeSpan span)
    {
        static string Unit(long n, string unit) => n == 1 ? $"1 {unit}" : string.Create(CultureInfo.InvariantCulture, $"{n} {unit}s");

        if (span <= TimeSpan.Zero)
        {
            return "0 seconds";
        }

        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(Unit(span.Days, "day"));
        }

        if (span.Hours > 0)
        {
            parts.Add(Unit(span.Hours, "hour"));
        }

        if (span.Minutes > 0)
        {
            parts.Add(Unit(span.Minutes, "minute"));
        }

        if (span.Seconds > 0 || parts.Count == 0)
        {
            parts.Add(Unit(Math.Max(span.Seconds, 1), "second"));
        }

        return string.Join(' ', parts);
    }
}
