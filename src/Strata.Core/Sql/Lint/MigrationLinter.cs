using Strata.Core.Diagnostics;
using Strata.Migrations.Sql;
using Strata.Core.Sql.Migrations;

namespace Strata.Core.Sql.Lint;

/// <summary>
/// Lints the migrations of one datastore. Every migration is read in order to learn which tables were created where;
/// only those not locked yet are linted, and history-aware rules stay silent on tables that an unlocked migration
/// created (new in this branch: no released code uses them and they hold no production rows).
/// </summary>
public static class MigrationLinter
{
    /// <param name="migrations">All migrations of the datastore, in version order.</param>
    /// <param name="isLocked">True for a migration recorded in the lock file (released): scanned for history, not linted.</param>
    public static IReadOnlyList<Diagnostic> Lint(IReadOnlyList<MigrationFile> migrations, SqlDialect dialect, Func<MigrationFile, bool> isLocked, LintOptions options)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(isLocked);
        ArgumentNullException.ThrowIfNull(options);
        var rules = new List<LintRule>();
        foreach (var rule in LintRules.All)
        {
            if (rule.Dialect == dialect && options.SeverityOf(rule.Descriptor) is not null)
            {
                rules.Add(rule);
            }
        }

        var history = new SchemaHistory();
        var result = new List<Diagnostic>();
        // One token buffer for all migrations, and statements that view it instead of copying: a migration's tokens
        // and statements are done with before the next one is lexed, so a 1,000-migration lint allocates little.
        var tokens = new SqlTokenList(1024);
        var found = new List<Diagnostic>(); // one statement's findings, emptied for the next
        foreach (var migration in migrations)
        {
            bool locked = isLocked(migration);
            tokens.Relex(migration.Body, dialect);
            var statements = SqlStatementSplitter.Split(migration.Body, tokens, dialect, shareTokens: true);
            var state = new MigrationState();
            var raw = new List<Diagnostic>();
            // Released migrations are only read for history: no rules, so no suppressions either.
            var suppressions = locked ? [] : Suppression.Find(migration.Body, tokens, statements, migration.RelativePath, raw);
            HashSet<(Suppression, string)>? used = null;
            for (int i = 0; i < statements.Count; i++)
            {
                found.Clear();
                var context = new StatementContext(migration, statements[i], dialect, history, state, found);
                if (!locked)
                {
                    foreach (var rule in rules)
                    {
                        context.Rule = rule;
                        rule.Check(context);
                    }

                    context.Rule = null;
                }

                foreach (var diagnostic in found)
                {
                    var by = suppressions.FirstOrDefault(s => s.Statement == i && s.Codes.Contains(diagnostic.Id));
                    if (by is null)
                    {
                        raw.Add(diagnostic);
                    }
                    else
                    {
                        (used ??= []).Add((by, diagnostic.Id));
                    }
                }

                history.Observe(context, unlocked: !locked);
            }

            foreach (var suppression in suppressions)
            {
                foreach (var code in suppression.Codes.Where(c => used is null || !used.Contains((suppression, c))))
                {
                    raw.Add(DiagnosticCatalog.LintUnusedSuppression.Create(
                        SourceLocation.At(migration.RelativePath, suppression.Comment.Line, suppression.Comment.Column), code));
                }
            }

            if (raw.Count == 0)
            {
                continue;
            }

            foreach (var diagnostic in raw.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ThenBy(d => d.Id, StringComparer.Ordinal))
            {
                if (options.SeverityOf(diagnostic.Descriptor) is { } severity)
                {
                    result.Add(diagnostic.WithSeverity(severity));
                }
            }
        }

        return result;
    }
}
