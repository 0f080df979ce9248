using Strata.Core.Diagnostics;
using Strata.Migrations.Sql;
using Strata.Core.Sql.Lint;
using Strata.Core.Sql.Migrations;

namespace Strata.Core.Tests.Sql.Lint;

/// <summary>Builds migrations from strings and lints them.</summary>
internal static class LintHarness
{
    public const string File = "db/main/migrations/0002_change.sql";

    public static MigrationFile Migration(string version, string body, bool inTransaction = true) =>
        new(version, "m" + version, $"db/main/migrations/{version}_m{version}.sql", body, "c" + version, "f" + version, inTransaction);

    /// <summary>Lints <paramref name="sql"/> as the one unlocked migration (0002), after a locked 0001 that created nothing.</summary>
    public static IReadOnlyList<Diagnostic> Lint(string sql, SqlDialect dialect = SqlDialect.PostgreSql, bool inTransaction = true, LintOptions? options = null)
    {
        var migrations = new[] { Migration("0001", "select 1;"), Migration("0002", sql, inTransaction) with { RelativePath = File } };
        return MigrationLinter.Lint(migrations, dialect, m => m.Version == "0001", options ?? LintOptions.Default);
    }

    public static IReadOnlyList<Diagnostic> LintChain(SqlDialect dialect, int lockedThrough, params string[] bodies)
    {
        var migrations = bodies.Select((b, i) => Migration((i + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture), b)).ToList();
        return MigrationLinter.Lint(migrations, dialect, m => int.Parse(m.Version, System.Globalization.CultureInfo.InvariantCulture) <= lockedThrough, LintOptions.Default);
    }

    public static string Show(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d => d.ToString()));
}
