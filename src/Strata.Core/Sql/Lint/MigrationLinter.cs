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
        var rules = LintRules.All.Where(r => r.Dialect == dialect && options.SeverityOf(r.Descriptor) is not null).ToList();
        var history = new SchemaHistory();
        var result = new List<Diagnostic>();
        foreach (var migration in migrations)
        {
            bool locked = isLocked(migration);
            var tokens = SqlLexer.Tokenize(migration.Body, dialect).ToList();
            var statements = SqlStatementSplitter.Split(migration.Body, tokens, dialect);
            var state = new MigrationState();
            var raw = new List<Diagnostic>();
            var suppressions = locked ? [] : Suppression.Find(migration.Body, tokens, statements, migration.RelativePath, raw);
            var used = new HashSet<(Suppression, string)>();
            for (int i = 0; i < statements.Count; i++)
            {
                var found = new List<Diagnostic>();
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
                        used.Add((by, diagnostic.Id));
                    }
                }

                history.Observe(context, unlocked: !locked);
            }

            foreach (var suppression in suppressions)
            {
                foreach (var code in suppression.Codes.Where(c => !used.Contains((suppression, c))))
                {
                    raw.Add(DiagnosticCatalog.LintUnusedSuppression.Create(
                        SourceLocation.At(migration.RelativePath, suppression.Comment.Line, suppression.Comment.Column), code));
                }
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
