using Strata.Core.Docs;

namespace Strata.Core.Tests.Docs;

public class DocValueParsingTests
{
    [Theory]
    [InlineData("0 2 * * *", 24 * 60)]
    [InlineData("*/15 * * * *", 15)]
    [InlineData("0 */6 * * *", 6 * 60)]
    [InlineData("0 0,12 * * *", 12 * 60)]
    [InlineData("0 0 * * SUN", 7 * 24 * 60)]
    [InlineData("0 0 * * 7", 7 * 24 * 60)]
    [InlineData("0 2 * * 1-5", 3 * 24 * 60)]
    [InlineData("0 0 1 * *", 31 * 24 * 60)]
    [InlineData("0 0 1 JAN *", 366 * 24 * 60)]
    public void Cron_longest_gap(string expression, int minutes)
    {
        CronSchedule.TryMaxInterval(expression, out var interval, out var error).ShouldBeTrue(error);
        interval.ShouldBe(TimeSpan.FromMinutes(minutes));
    }

    [Theory]
    [InlineData("0 0 30 2 *", "never runs")]
    [InlineData("60 * * * *", "minute")]
    [InlineData("0 24 * * *", "hour")]
    [InlineData("0 0 * * MON-", "day-of-week")]
    [InlineData("*/0 * * * *", "step")]
    [InlineData("0 5-1 * * *", "reversed")]
    public void Cron_errors(string expression, string expected)
    {
        CronSchedule.TryMaxInterval(expression, out _, out var error).ShouldBeFalse();
        error.ShouldContain(expected);
    }

    [Theory]
    [InlineData("PT24H", 24 * 60)]
    [InlineData("P1D", 24 * 60)]
    [InlineData("PT1H30M", 90)]
    [InlineData("P1W", 7 * 24 * 60)]
    [InlineData("P1M", 30 * 24 * 60)]
    [InlineData("PT0.5S", 0)]
    public void Iso_durations(string text, int minutes)
    {
        IsoDuration.TryParse(text, out var duration, out var error).ShouldBeTrue(error);
        ((int)duration.Nominal.TotalMinutes).ShouldBe(minutes);
    }

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("24h")]
    [InlineData("P1DT")]
    [InlineData("P999999999Y")]
    [InlineData("")]
    public void Iso_duration_errors(string text) => IsoDuration.TryParse(text, out _, out _).ShouldBeFalse();

    [Theory]
    [InlineData("indefinite", true)]
    [InlineData("Indefinite", true)]
    [InlineData("90 days", true)]
    [InlineData("1 year", true)]
    [InlineData("P1Y6M", true)]
    [InlineData("forever", false)]
    [InlineData("90", false)]
    public void Retention_periods(string text, bool valid) => RetentionPeriod.TryParse(text, out _).ShouldBe(valid);

    [Theory]
    [InlineData("purpose", "purpose", 0)]
    [InlineData("shedule", "schedule", 1)]
    [InlineData("kitten", "sitting", 3)]
    public void Levenshtein(string a, string b, int distance) => StringDistance.Levenshtein(a, b).ShouldBe(distance);

    [Fact]
    public void Nearest_is_null_when_nothing_is_close() =>
        StringDistance.Nearest("completely-different", ["owner", "purpose"]).ShouldBeNull();
}
