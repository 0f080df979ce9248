namespace Strata.Core.Docs;

/// <summary>
/// A backup (or restore-test) schedule: a word (hourly, daily, weekly, monthly, quarterly, yearly), an ISO-8601
/// duration, or a 5-field cron expression. <see cref="Interval"/> is the longest time between two runs.
/// </summary>
internal sealed record BackupSchedule(string Text, TimeSpan Interval)
{
    private static readonly Dictionary<string, TimeSpan> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hourly"] = TimeSpan.FromHours(1),
        ["daily"] = TimeSpan.FromDays(1),
        ["weekly"] = TimeSpan.FromDays(7),
        ["monthly"] = TimeSpan.FromDays(30),
        ["quarterly"] = TimeSpan.FromDays(90),
        ["yearly"] = TimeSpan.FromDays(365),
        ["annually"] = TimeSpan.FromDays(365),
    };

    public const string Expected = "a schedule: hourly, daily, weekly, monthly, quarterly, yearly, an ISO-8601 duration like PT6H, or a 5-field cron expression like '0 2 * * *'";

    public static bool TryParse(string? text, out BackupSchedule? schedule, out string error)
    {
        schedule = null;
        text = text?.Trim() ?? string.Empty;
        if (Words.TryGetValue(text, out var word))
        {
            schedule = new BackupSchedule(text, word);
            error = string.Empty;
            return true;
        }

        if (text.StartsWith('P'))
        {
            if (!IsoDuration.TryParse(text, out var duration, out error))
            {
                return false;
            }

            if (duration.Nominal <= TimeSpan.Zero)
            {
                error = "a schedule interval must be longer than zero";
                return false;
            }

            schedule = new BackupSchedule(text, duration.Nominal);
            return true;
        }

        if (text.Split(' ', '\t').Count(part => part.Length > 0) == 5)
        {
            if (!CronSchedule.TryMaxInterval(text, out var interval, out error))
            {
                return false;
            }

            schedule = new BackupSchedule(text, interval);
            return true;
        }

        error = "not a schedule word, an ISO-8601 duration (starting with 'P') or a 5-field cron expression";
        return false;
    }
}
