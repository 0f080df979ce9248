using System.Reflection;
using Strata.Migrations.Engine;
using Strata.Migrations.Script;

namespace Strata.Migrations.Sqlite;

/// <summary>Entry points for SQLite datastores.</summary>
public static class SqliteMigrator
{
    /// <summary>A migrator that opens its own connection per call, so several can run at once on one file.</summary>
    public static IMigrator Create(string connectionString, MigrationScript script, MigrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentNullException.ThrowIfNull(script);
        if (!string.Equals(script.Engine, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Migration script '{script.Name}' is for engine '{script.Engine}', not sqlite; pass the script of a SQLite datastore.",
                nameof(script));
        }

        var resolved = options ?? new MigrationOptions();
        return new Migrator(script, () => new SqliteMigrationDatabase(connectionString, resolved), resolved);
    }

    /// <summary>
    /// Start-up helper: loads <c>Strata/&lt;datastore&gt;/migrate.sql</c> from <paramref name="assembly"/>, applies it and
    /// returns the result for the caller to log (<see cref="MigrationResult.Summary"/>, <see cref="MigrationResult.Warnings"/>).
    /// </summary>
    public static Task<MigrationResult> ApplyEmbeddedAsync(
        string connectionString,
        Assembly assembly,
        string datastore,
        MigrationOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Create(connectionString, MigrationScript.FromEmbeddedResource(assembly, datastore), options).ApplyAsync(cancellationToken);
}
