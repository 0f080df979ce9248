using Strata.Migrations.Sql;
using static Strata.Core.Diagnostics.DiagnosticCatalog;

namespace Strata.Core.Sql.Lint;

/// <summary>
/// The PostgreSQL rules (STRATA21xx), one small entry per squawk rule. History-aware rules (true in the table) stay
/// silent on tables created by a migration that is not locked yet. See docs/migration-lint.md for each rule.
/// </summary>
public static class PostgresLintRules
{
    private const SqlDialect Pg = SqlDialect.PostgreSql;

    private static readonly HashSet<string> VolatileFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp",
        "timeofday", "nextval", "txid_current", "pg_current_xact_id", "random_normal", "setseed",
    };

    public static IReadOnlyList<LintRule> All { get; } =
    [
        new(LintIndexWithoutConcurrently, Pg, true, RequireConcurrentIndexCreation),
        new(LintDropIndexWithoutConcurrently, Pg, true, RequireConcurrentIndexDeletion),
        new(LintAddingRequiredField, Pg, true, AddingRequiredField),
        new(LintSetNotNull, Pg, true, AddingNotNullableField),
        new(LintForeignKeyWithoutNotValid, Pg, true, AddingForeignKeyConstraint),
        new(LintCheckWithoutNotValid, Pg, true, ConstraintMissingNotValid),
        new(LintChangingColumnType, Pg, true, ChangingColumnType),
        new(LintRenamingColumn, Pg, true, RenamingColumn),
        new(LintRenamingTable, Pg, true, RenamingTable),
        new(LintDropColumn, Pg, true, BanDropColumn),
        new(LintDropTable, Pg, true, BanDropTable),
        new(LintDropDatabase, Pg, false, s => { if (s.Are(0, "DROP", "DATABASE")) s.Report(0, null); }),
        new(LintPreferBigintOverInt, Pg, false, s => Types(s, "int", "integer", "int4", "serial", "serial4")),
        new(LintPreferBigintOverSmallint, Pg, false, s => Types(s, "smallint", "int2", "smallserial", "serial2")),
        new(LintPreferIdentity, Pg, false, s => Types(s, "serial", "serial4", "serial2", "serial8", "smallserial", "bigserial")),
        new(LintPreferTextField, Pg, false, PreferTextField),
        new(LintPreferTimestamptz, Pg, false, PreferTimestamptz),
        new(LintBanCharField, Pg, false, BanCharField),
        new(LintTransactionNesting, Pg, false, TransactionNesting),
        new(LintConcurrentInTransaction, Pg, false, ConcurrentInTransaction),
        new(LintTimeoutDisabled, Pg, false, RequireTimeoutSettings),
        new(LintUniqueConstraint, Pg, true, DisallowedUniqueConstraint),
        new(LintIdentifierTooLong, Pg, false, IdentifierTooLong),
        new(LintPrimaryKeyWithoutIndex, Pg, true, AddingPrimaryKey),
        new(LintVolatileDefault, Pg, true, AddingFieldWithDefault),
        new(LintCreateDomainWithConstraint, Pg, false, s => { if (s.Are(0, "CREATE", "DOMAIN") && s.Find("CHECK") is var c and > 0) s.Report(c, null); }),
        new(LintAlterDomainAddConstraint, Pg, false, s => { if (s.Are(0, "ALTER", "DOMAIN") && s.Find("ADD") is var a and > 0) s.Report(a, null); }),
        new(LintPreferRobustStatements, Pg, false, PreferRobustStatements),
        new(LintTruncateCascade, Pg, false, s => { if (s.Is(0, "TRUNCATE") && s.Find("CASCADE") is var c and > 0) s.Report(c, null); }),
        new(LintDropNotNull, Pg, true, BanDropNotNull),
        new(LintReindexWithoutConcurrently, Pg, false, s => { if (s.Is(0, "REINDEX") && s.Find("CONCURRENTLY") < 0) s.Report(0, null); }),
        new(LintDetachPartition, Pg, true, RequireConcurrentPartitionDetach),
        new(LintEnumValueOrdering, Pg, false, RequireEnumValueOrdering),
    ];

    private static void RequireConcurrentIndexCreation(StatementContext s)
    {
        int index = Shapes.CreateIndex(s);
        if (index > 0 && !s.Is(index + 1, "CONCURRENTLY") && Shapes.IndexTable(s, index) is { } table)
        {
            s.Report(0, table, table);
        }
    }

    private static void RequireConcurrentIndexDeletion(StatementContext s)
    {
        if (!s.Are(0, "DROP", "INDEX") || s.Is(2, "CONCURRENTLY"))
        {
            return;
        }

        int i = s.Are(2, "IF", "EXISTS") ? 4 : 2;
        var names = s.SplitCommas(i, s.Count).Select(r => s.ReadName(r.Start, out _)).OfType<SqlName>().ToList();
        var onExisting = names.Where(n => s.History.TableOfIndex(n) is not { } t || !s.History.IsNew(t)).ToList();
        if (onExisting.Count > 0)
        {
            s.Report(0, null, string.Join(", ", onExisting));
        }
    }

    private static void AddingRequiredField(StatementContext s)
    {
        foreach (var (column, table, added, _) in Shapes.Columns(s))
        {
            if (added && column.NotNullAt >= 0 && column.DefaultAt < 0 && column.GeneratedAt < 0)
            {
                s.Report(column.NameAt, table, column.Name, table);
            }
        }
    }

    private static void AddingNotNullableField(StatementContext s)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (Shapes.AlteredColumn(s, a) is { } c && s.Are(c.After, "SET", "NOT", "NULL"))
            {
                s.Report(c.After, s.Alter!.Table, c.Column, s.Alter.Table);
            }
        }
    }

    private static void AddingForeignKeyConstraint(StatementContext s) =>
        AddedConstraintWithout(s, "FOREIGN", "NOT", "VALID", column => column.ReferencesAt);

    private static void ConstraintMissingNotValid(StatementContext s)
    {
        if (s.Alter is not { } alter)
        {
            return;
        }

        foreach (var a in alter.Actions)
        {
            bool notValid = s.Has(a.Start, a.End, "NOT", "VALID");
            if (Shapes.AddedConstraint(s, a) is { } k && (s.Is(k.KindAt, "CHECK") || s.Is(k.KindAt, "FOREIGN")))
            {
                if (notValid && k.Name is { } name)
                {
                    s.State.NotValidConstraints.Add(alter.Table.Key + "." + name);
                }
                else if (!notValid && s.Is(k.KindAt, "CHECK"))
                {
                    s.Report(k.KindAt, alter.Table, "Adding a CHECK constraint", alter.Table, "scans every row while blocking writes");
                }
            }
            else if (s.Are(a.Start, "VALIDATE", "CONSTRAINT") && s.ReadName(a.Start + 2, out _) is { } validated &&
                     s.Migration.RunsInTransaction && s.State.NotValidConstraints.Contains(alter.Table.Key + "." + validated.Name))
            {
                s.Report(a.Start, alter.Table, $"VALIDATE CONSTRAINT '{validated.Name}'", alter.Table,
                    "runs in the same transaction that added it NOT VALID, so the ACCESS EXCLUSIVE lock of the ADD is held for the whole scan");
            }
        }
    }

    private static void ChangingColumnType(StatementContext s)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (Shapes.AlteredColumn(s, a) is { } c && (s.Is(c.After, "TYPE") || s.Are(c.After, "SET", "DATA", "TYPE")))
            {
                s.Report(c.After, s.Alter!.Table, c.Column, s.Alter.Table);
            }
        }
    }

    private static void RenamingColumn(StatementContext s)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (s.Is(a.Start, "RENAME") && !s.Is(a.Start + 1, "TO") && !s.Is(a.Start + 1, "CONSTRAINT"))
            {
                int at = s.Is(a.Start + 1, "COLUMN") ? a.Start + 2 : a.Start + 1;
                s.Report(a.Start, s.Alter!.Table, s.Text(at), s.Alter.Table);
            }
        }
    }

    private static void RenamingTable(StatementContext s)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (s.Are(a.Start, "RENAME", "TO"))
            {
                s.Report(a.Start, s.Alter!.Table, s.Alter.Table);
            }
        }
    }

    internal static void DropColumn(StatementContext s)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (s.Is(a.Start, "DROP") && !s.Is(a.Start + 1, "CONSTRAINT"))
            {
                int at = s.Is(a.Start + 1, "COLUMN") ? a.Start + 2 : a.Start + 1;
                at = s.Are(at, "IF", "EXISTS") ? at + 2 : at;
                s.Report(a.Start, s.Alter!.Table, s.Text(at), s.Alter.Table);
            }
        }
    }

    private static void BanDropColumn(StatementContext s) => DropColumn(s);

    private static void BanDropTable(StatementContext s)
    {
        if (!s.Are(0, "DROP", "TABLE"))
        {
            return;
        }

        int i = s.Are(2, "IF", "EXISTS") ? 4 : 2;
        var existing = s.SplitCommas(i, s.Count).Select(r => s.ReadName(r.Start, out _)).OfType<SqlName>().Where(n => !s.History.IsNew(n)).ToList();
        if (existing.Count > 0)
        {
            s.Report(0, null, string.Join(", ", existing));
        }
    }

    private static void Types(StatementContext s, params string[] names)
    {
        foreach (var (start, end) in Shapes.TypeSites(s))
        {
            if (names.Any(n => s.Is(start, n)))
            {
                s.Report(start, null, Shapes.Span(s, start, end));
            }
        }
    }

    private static void PreferTextField(StatementContext s)
    {
        foreach (var (start, end) in Shapes.TypeSites(s))
        {
            int paren = s.Is(start, "VARCHAR") ? start + 1 : s.Are(start, "CHARACTER", "VARYING") || s.Are(start, "CHAR", "VARYING") ? start + 2 : -1;
            if (paren > 0 && s.IsPunctuation(paren, '('))
            {
                s.Report(start, null, Shapes.Span(s, start, end));
            }
        }
    }

    private static void PreferTimestamptz(StatementContext s)
    {
        foreach (var (start, end) in Shapes.TypeSites(s))
        {
            if (s.Is(start, "TIMESTAMP") && !s.Has(start, end, "WITH", "TIME", "ZONE"))
            {
                s.Report(start, null, Shapes.Span(s, start, end));
            }
        }
    }

    private static void BanCharField(StatementContext s)
    {
        foreach (var (start, end) in Shapes.TypeSites(s))
        {
            if ((s.Is(start, "CHAR") || s.Is(start, "CHARACTER") || s.Is(start, "BPCHAR") || s.Is(start, "NCHAR")) && !s.Is(start + 1, "VARYING"))
            {
                s.Report(start, null, Shapes.Span(s, start, end));
            }
        }
    }

    private static void TransactionNesting(StatementContext s)
    {
        if (s.Migration.RunsInTransaction && LintRules.TransactionControl(s) is { } effect)
        {
            s.Report(0, null, s.Statement.LeadingKeywords(Math.Min(2, s.Count)), effect);
        }
    }

    private static void ConcurrentInTransaction(StatementContext s)
    {
        if (!s.Migration.RunsInTransaction)
        {
            return;
        }

        int index = Shapes.CreateIndex(s);
        if (index > 0 && s.Is(index + 1, "CONCURRENTLY"))
        {
            s.Report(index + 1, null, "CREATE INDEX");
        }
        else if (s.Are(0, "DROP", "INDEX", "CONCURRENTLY"))
        {
            s.Report(2, null, "DROP INDEX");
        }
        else if (s.Is(0, "REINDEX") && s.Find("CONCURRENTLY") is var r and > 0)
        {
            s.Report(r, null, "REINDEX");
        }
        else if (s.Alter is { } alter)
        {
            foreach (var a in alter.Actions)
            {
                if (s.Are(a.Start, "DETACH", "PARTITION") && s.Find("CONCURRENTLY", a.Start, a.End) is var c and > 0)
                {
                    s.Report(c, null, "DETACH PARTITION");
                }
            }
        }
    }

    private static void RequireTimeoutSettings(StatementContext s)
    {
        int name = s.Is(0, "SET") ? (s.Is(1, "SESSION") || s.Is(1, "LOCAL") ? 2 : 1) : s.Is(0, "RESET") ? 1 : -1;
        if (name < 0 || !(s.Is(name, "lock_timeout") || s.Is(name, "statement_timeout")))
        {
            return;
        }

        string setting = s.Text(name).ToLowerInvariant();
        if (s.Is(0, "RESET"))
        {
            s.Report(name, null, setting, "the server default (usually 0, no timeout) with RESET");
            return;
        }

        int value = s.Is(name + 1, "TO") || s.IsPunctuation(name + 1, '=') ? name + 2 : -1;
        var text = s.Text(value);
        var digits = new string(text.Trim('\'').TakeWhile(char.IsAsciiDigit).ToArray());
        if (s.Is(value, "DEFAULT") || (digits.Length > 0 && digits.All(c => c == '0')))
        {
            s.Report(name, null, setting, text);
        }
    }

    private static void DisallowedUniqueConstraint(StatementContext s) =>
        AddedConstraintWithout(s, "UNIQUE", "USING", "INDEX", column => column.UniqueAt);

    private static void IdentifierTooLong(StatementContext s)
    {
        for (int i = 0; i < s.Count; i++)
        {
            if (Shapes.IsIdentifierToken(s.Words[i]) && SqlName.Identifier(s.Source, s.Words[i], s.Dialect) is { } id && Shapes.Utf8Length(id) > 63)
            {
                s.Report(i, null, id, Shapes.Utf8Length(id));
            }
        }
    }

    private static void AddingPrimaryKey(StatementContext s) =>
        AddedConstraintWithout(s, "PRIMARY", "USING", "INDEX", column => column.PrimaryKeyAt);

    /// <summary>
    /// Since PostgreSQL 11 a constant or stable DEFAULT (e.g. now()) is stored in the catalog without a rewrite, so only
    /// volatile defaults, stored generated columns and identity columns are flagged.
    /// </summary>
    private static void AddingFieldWithDefault(StatementContext s)
    {
        foreach (var (column, table, added, _) in Shapes.Columns(s))
        {
            if (!added)
            {
                continue;
            }

            if (column.DefaultAt >= 0)
            {
                for (int i = column.DefaultAt + 1; i < column.DefaultEnd; i++)
                {
                    if (s.Words[i].Kind == SqlTokenKind.Word && VolatileFunctions.Contains(s.Text(i)))
                    {
                        s.Report(column.DefaultAt + 1, table, column.Name, table, $"the volatile default {Shapes.Span(s, column.DefaultAt + 1, column.DefaultEnd)}");
                        break;
                    }
                }
            }
            else if (column.GeneratedAt >= 0)
            {
                s.Report(column.GeneratedAt, table, column.Name, table, column.GeneratedIdentity ? "an identity (every row gets a value)" : "a stored generated expression");
            }
        }
    }

    private static void PreferRobustStatements(StatementContext s)
    {
        if (s.Migration.RunsInTransaction)
        {
            return;
        }

        int index = Shapes.CreateIndex(s);
        int table = Shapes.CreateTable(s);
        if (index > 0)
        {
            int i = s.Is(index + 1, "CONCURRENTLY") ? index + 2 : index + 1;
            if (!s.Are(i, "IF", "NOT", "EXISTS"))
            {
                s.Report(0, null, "CREATE INDEX IF NOT EXISTS");
            }
        }
        else if (table > 0 && !s.Are(table + 1, "IF", "NOT", "EXISTS"))
        {
            s.Report(0, null, "CREATE TABLE IF NOT EXISTS");
        }
        else if (s.Is(0, "DROP") && (s.Is(1, "INDEX") || s.Is(1, "TABLE")))
        {
            int i = s.Is(2, "CONCURRENTLY") ? 3 : 2;
            if (!s.Are(i, "IF", "EXISTS"))
            {
                s.Report(0, null, $"DROP {s.Text(1).ToUpperInvariant()} IF EXISTS");
            }
        }
        else if (s.Alter is { } alter)
        {
            foreach (var a in alter.Actions)
            {
                int i = s.Is(a.Start + 1, "COLUMN") ? a.Start + 2 : a.Start + 1;
                if (Shapes.AddedColumn(s, a) is not null && !s.Are(i, "IF", "NOT", "EXISTS"))
                {
                    s.Report(a.Start, null, "ADD COLUMN IF NOT EXISTS");
                }
                else if (s.Is(a.Start, "DROP") && !s.Is(a.Start + 1, "CONSTRAINT") && !s.Are(i, "IF", "EXISTS"))
                {
                    s.Report(a.Start, null, "DROP COLUMN IF EXISTS");
                }
            }
        }
    }

    private static void BanDropNotNull(StatementContext s)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (Shapes.AlteredColumn(s, a) is { } c && s.Are(c.After, "DROP", "NOT", "NULL"))
            {
                s.Report(c.After, s.Alter!.Table, c.Column, s.Alter.Table);
            }
        }
    }

    private static void RequireConcurrentPartitionDetach(StatementContext s)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (s.Are(a.Start, "DETACH", "PARTITION") && s.Find("CONCURRENTLY", a.Start, a.End) < 0 && s.Find("FINALIZE", a.Start, a.End) < 0)
            {
                s.Report(a.Start, s.Alter!.Table, s.Alter.Table);
            }
        }
    }

    private static void RequireEnumValueOrdering(StatementContext s)
    {
        if (s.Are(0, "ALTER", "TYPE") && s.Find("ADD") is var add and > 0 && s.Is(add + 1, "VALUE") &&
            s.Find("BEFORE", add) < 0 && s.Find("AFTER", add) < 0)
        {
            s.Report(add, null);
        }
    }

    /// <summary>
    /// The shape three rules share: ALTER TABLE ... ADD [CONSTRAINT c] &lt;kind&gt; ... without the clause that makes it
    /// cheap (<paramref name="first"/> <paramref name="second"/>), or the same constraint written inline on an added column.
    /// </summary>
    private static void AddedConstraintWithout(StatementContext s, string kind, string first, string second, Func<ColumnDefinition, int> inlineAt)
    {
        foreach (var a in s.Alter?.Actions ?? [])
        {
            if (Shapes.AddedConstraint(s, a) is { } k && s.Is(k.KindAt, kind) && !s.Has(a.Start, a.End, first, second))
            {
                s.Report(k.KindAt, s.Alter!.Table, s.Alter.Table);
            }
            else if (Shapes.AddedColumn(s, a) is { } column && inlineAt(column) >= 0)
            {
                s.Report(inlineAt(column), s.Alter!.Table, s.Alter.Table);
            }
        }
    }
}
