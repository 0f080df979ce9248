using Strata.Migrations.Sql;
using static Strata.Core.Diagnostics.DiagnosticCatalog;

namespace Strata.Core.Sql.Lint;

/// <summary>
/// The SQLite rules (STRATA22xx): what SQLite's ALTER TABLE cannot do (https://www.sqlite.org/lang_altertable.html),
/// found before the migration runs.
/// </summary>
public static class SqliteLintRules
{
    private const SqlDialect Lite = SqlDialect.Sqlite;

    public static IReadOnlyList<LintRule> All { get; } =
    [
        new(SqliteAlterColumn, Lite, false, AlterColumn),
        new(SqliteDropColumn, Lite, true, PostgresLintRules.DropColumn),
        new(SqliteAddRequiredColumn, Lite, false, AddRequiredColumn),
        new(SqliteAddConstraint, Lite, false, AddConstraint),
        new(SqliteTransactionControl, Lite, false, TransactionControl),
        new(SqliteAddColumnUnsupported, Lite, false, AddColumnUnsupported),
    ];

    private static void AlterColumn(StatementContext s)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (s.Is(a.Start, "ALTER"))
            {
                s.Report(a.Start, null);
            }
        }
    }

    private static void AddRequiredColumn(StatementContext s)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (Shapes.AddedColumn(s, a) is { NotNullAt: >= 0 } c && c.GeneratedAt < 0 && (c.DefaultAt < 0 || s.Is(c.DefaultAt + 1, "NULL")))
            {
                s.Report(c.NameAt, null, c.Name);
            }
        }
    }

    private static void AddConstraint(StatementContext s)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (s.Is(a.Start, "ADD") && ColumnDefinition.IsTableConstraint(s, a.Start + 1))
            {
                s.Report(a.Start + 1, null, s.Text(a.Start + 1).ToUpperInvariant());
            }
        }
    }

    private static void TransactionControl(StatementContext s)
    {
        if (s.Migration.RunsInTransaction && LintRules.TransactionControl(s) is { } effect)
        {
            s.Report(0, null, s.Statement.LeadingKeywords(1), effect);
        }
    }

    private static void AddColumnUnsupported(StatementContext s)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (Shapes.AddedColumn(s, a) is not { } c)
            {
                continue;
            }

            string? why = c.PrimaryKeyAt >= 0 ? "a PRIMARY KEY"
                : c.UniqueAt >= 0 ? "a UNIQUE constraint"
                : c.GeneratedAt >= 0 && s.Has(c.GeneratedAt, a.End, "STORED") ? "a STORED generated expression"
                : c.DefaultAt >= 0 && (s.Is(c.DefaultAt + 1, "CURRENT_TIME") || s.Is(c.DefaultAt + 1, "CURRENT_DATE") ||
                                       s.Is(c.DefaultAt + 1, "CURRENT_TIMESTAMP") || s.IsPunctuation(c.DefaultAt + 1, '(')) ? "a non-constant default"
                : null;
            if (why is not null)
            {
                s.Report(c.NameAt, null, c.Name, why);
            }
        }
    }
}
