using System.Globalization;
using Strata.Core.Diagnostics;
using Strata.Migrations.Sql;

namespace Strata.Core.Sql.Lint;

/// <summary>
/// One lint rule: its diagnostic, the dialect it applies to, whether it is history-aware (silent on tables created by a
/// migration that is not locked yet), and its check, run once per statement.
/// </summary>
public sealed record LintRule(DiagnosticDescriptor Descriptor, SqlDialect Dialect, bool HistoryAware, Action<StatementContext> Check)
{
    public string Id => Descriptor.Id;
}

/// <summary>Every rule, in code order: <see cref="PostgresLintRules"/> then <see cref="SqliteLintRules"/>.</summary>
public static class LintRules
{
    public static IReadOnlyList<LintRule> All { get; } = [.. PostgresLintRules.All, .. SqliteLintRules.All];

    /// <summary>Every code the lint can report (rules plus suppression and settings codes): what suppressions and severity settings may name.</summary>
    public static IReadOnlySet<string> Codes { get; } = new HashSet<string>(
        DiagnosticCatalog.All.Where(d => int.Parse(d.Id.AsSpan(6), CultureInfo.InvariantCulture) is > 2100 and < 2300).Select(d => d.Id),
        StringComparer.Ordinal);

    public static LintRule? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    /// <summary>Transaction-control statements: BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK (not ROLLBACK TO a savepoint), ABORT.</summary>
    internal static string? TransactionControl(StatementContext s)
    {
        if (s.Is(0, "BEGIN") && !s.Is(1, "ATOMIC"))
        {
            return "start a nested transaction";
        }

        if (s.Are(0, "START", "TRANSACTION"))
        {
            return "start a nested transaction";
        }

        if (s.Is(0, "COMMIT") || s.Is(0, "END"))
        {
            return "commit part of the migration early: a later failure would leave it half applied and its history row missing";
        }

        if ((s.Is(0, "ROLLBACK") && s.Find("TO", 1) < 0) || s.Is(0, "ABORT"))
        {
            return "roll back Strata's own transaction, history row included";
        }

        return null;
    }
}
