using Strata.Migrations.Script;

namespace Strata.Migrations.Engine;

/// <summary>Applies one datastore's script to one database. Provider-neutral: <see cref="Sqlite.SqliteMigrator"/> and <see cref="Postgres.PostgresMigrator"/> create one.</summary>
public interface IMigrator
{
    MigrationScript Script { get; }

    /// <summary>Applies pending migrations in order, each in its own transaction. Throws <see cref="Errors.MigrationException"/>.</summary>
    Task<MigrationResult> ApplyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs every pending migration inside one transaction that is always rolled back; throws the same
    /// <see cref="Errors.MigrationException"/> (with file and line) that applying would. Changes nothing.
    /// </summary>
    Task<MigrationResult> DryRunAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Undoes every applied migration above <paramref name="targetVersion"/>, newest first, each with its down part in a
    /// transaction of its own together with the removal of its history row ("0" undoes them all). Checks first that
    /// each has a down part (STRATA5007), so a rollback that cannot finish does not start.
    /// </summary>
    Task<MigrationResult> DownAsync(string targetVersion, CancellationToken cancellationToken = default);

    /// <summary>Every migration of the script and every unknown applied one, in version order. Changes nothing.</summary>
    Task<IReadOnlyList<MigrationStatus>> StatusAsync(CancellationToken cancellationToken = default);
}
