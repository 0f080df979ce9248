using System.Text.RegularExpressions;

namespace Strata.Core.Sql.Migrations;

/// <summary>
/// Session settings the generated PostgreSQL script applies (and records for the runtime): a migration waits at most
/// <see cref="LockTimeout"/> for a table lock, so it never queues the application's traffic behind it for long.
/// </summary>
public sealed partial record ScriptSettings(string LockTimeout, string StatementTimeout)
{
    public static ScriptSettings Default { get; } = new("10s", "15min");

    [GeneratedRegex(@"^(0|[0-9]{1,9}(ms|s|min|h|d)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Interval();

    /// <summary>A PostgreSQL interval as SET accepts it, restricted so it cannot break out of the quoted literal.</summary>
    public static bool IsValidInterval(string value) => Interval().IsMatch(value);
}
