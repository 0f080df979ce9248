using System.Globalization;

namespace Strata.Core.Docs;

/// <summary>
/// A 5-field cron expression (minute hour day-of-month month day-of-week) with lists, ranges, steps and
/// JAN-DEC / SUN-SAT names. Only its longest gap between two runs matters here; it is found by walking one
/// 28-year calendar cycle day by day (weekdays and leap years repeat every 28 years from 1901 to 2099).
/// </summary>
internal static class CronSchedule
{
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Weekdays = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static bool TryMaxInterval(string expression, out TimeSpan interval, out string error)
    {
        interval = default;
        var fields = expression.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            error = "a cron expression has 5 fields: minute hour day-of-month month day-of-week";
            return false;
        }

        if (!TryField(fields[0], "minute", 0, 59, null, out var minutes, out error)
            || !TryField(fields[1], "hour", 0, 23, null, out var hours, out error)
            || !TryField(fields[2], "day-of-month", 1, 31, null, out var monthDays, out error)
            || !TryField(fields[3], "month", 1, 12, Months, out var months, out error)
            || !TryField(fields[4], "day-of-week", 0, 7, Weekdays, out var weekdays, out error))
        {
            return false;
        }

        if (weekdays[7])
        {
            weekdays[0] = true;
        }

        var times = new List<int>();
        for (var h = 0; h < 24; h++)
        {
            for (var m = 0; m < 60; m++)
            {
                if (hours[h] && minutes[m])
                {
                    times.Add((h * 60) + m);
                }
            }
        }

        var longest = 0;
        for (var i = 1; i < times.Count; i++)
        {
            longest = Math.Max(longest, times[i] - times[i - 1]);
        }

        // Vixie cron: when both day fields are restricted, a day matches either; otherwise both must match.
        var either = !fields[2].StartsWith('*') && !fields[4].StartsWith('*');
        var start = new DateOnly(2001, 1, 1);
        const int CycleDays = 10_227;
        int first = -1, previous = -1;
        for (var day = 0; day < CycleDays; day++)
        {
            var date = start.AddDays(day);
            if (!months[date.Month])
            {
                continue;
            }

            var dom = monthDays[date.Day];
            var dow = weekdays[(int)date.DayOfWeek];
            if (either ? !(dom || dow) : !(dom && dow))
            {
                continue;
            }

            if (first < 0)
            {
                first = day;
            }
            else
            {
                longest = Math.Max(longest, ((day - previous) * 1440) + times[0] - times[^1]);
            }

            previous = day;
        }

        if (first < 0)
        {
            error = "the expression never runs (no calendar day matches its day-of-month, month and day-of-week)";
            return false;
        }

        longest = Math.Max(longest, ((first + CycleDays - previous) * 1440) + times[0] - times[^1]);
        interval = TimeSpan.FromMinutes(longest);
        return true;
    }

    private static bool TryField(string field, string name, int min, int max, string[]? names, out bool[] set, out string error)
    {
        set = new bool[max + 1];
        error = string.Empty;
        foreach (var item in field.Split(','))
        {
            var range = item;
            var step = 1;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > max)
                {
                    error = $"the {name} field has an invalid step in '{item}'";
                    return false;
                }

                range = item[..slash];
            }

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max == 7 ? 6 : max);
            }
            else
            {
                var dash = range.IndexOf('-', StringComparison.Ordinal);
                if (!TryValue(dash >= 0 ? range[..dash] : range, min, max, names, out from)
                    || !TryValue(dash >= 0 ? range[(dash + 1)..] : range, min, max, names, out to))
                {
                    error = $"the {name} field '{field}' is not valid; use numbers {min}-{max}{(names is null ? string.Empty : " or names " + names[0] + "-" + names[^1])}, '*', ranges 'a-b', lists 'a,b' and steps '/n'";
                    return false;
                }

                if (dash < 0 && slash >= 0)
                {
                    to = max == 7 ? 6 : max;
                }

                if (from > to)
                {
                    error = $"the {name} field has a reversed range '{range}'";
                    return false;
                }
            }

            for (var value = from; value <= to; value += step)
            {
                set[value] = true;
            }
        }

        return true;
    }

    private static bool TryValue(string text, int min, int max, string[]? names, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return value >= min && value <= max;
        }

        var index = names is null ? -1 : Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        value = index < 0 ? 0 : index + min;
        return index >= 0;
    }
}
