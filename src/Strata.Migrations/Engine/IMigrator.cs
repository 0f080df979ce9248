using Strata.Migrations.Script;

namespace Strata.Migrations.Engine;

/// <summary>Applies one datastore's script to one database. Provider-neutral: <see cref="Sqlite.SqliteMigrator"/> and <see cref="Postgres.PostgresMigrator"/> create one.</summary>
public interface IMigrator
{
    MigrationScript Script { get; }

    /// <summary>Applies pending migrations in order, each in its own transaction. Throws <see cref="Errors.MigrationException"/>.</summary>
    Task<MigrationResult> ApplyAsync(CancellationToken cancellationToken = default);

    /// <summary>Every migration of the script and every unknown applied one, in version order. Changes nothing.</summary>
    Task<IReadOnlyList<MigrationStatus>> StatusAsync(CancellationToken cancellationToken = default);
}
