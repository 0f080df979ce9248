namespace Strata.Migrations.Engine;

/// <summary>
/// What <see cref="Migrator"/> needs from an engine; each implementation owns its locking (SQLite: BEGIN IMMEDIATE per
/// migration; PostgreSQL: a session advisory lock on a connection of its own, held for the whole run).
/// Open/lock failures are thrown as STRATA5006 <see cref="Errors.MigrationException"/>s; a failing statement as
/// <see cref="StatementFailedException"/>, which the engine turns into STRATA5002 with the migration's context.
/// </summary>
internal interface IMigrationDatabase : IAsyncDisposable
{
    /// <summary>Opens the connection. With <paramref name="create"/> false, returns false instead of creating a missing database.</summary>
    Task<bool> OpenAsync(bool create, CancellationToken cancellationToken);

    /// <summary>
    /// Excludes every other applier until disposal, where the engine has a run-wide lock (PostgreSQL); a no-op where
    /// each <see cref="BeginAsync"/> locks instead (SQLite). Called by apply only, never by status.
    /// </summary>
    Task LockAsync(CancellationToken cancellationToken);

    /// <summary>
    /// True when <see cref="LockAsync"/> excludes every other applier for the whole run (PostgreSQL's session advisory
    /// lock, which the psql script takes too): the history read after it stays true, so pending migrations are not read
    /// again one by one. False when each transaction locks on its own (SQLite), where another applier may get in between.
    /// </summary>
    bool HoldsRunLock { get; }

    /// <summary>
    /// Runs the script's prologue (history table DDL) in one write transaction, then reads the history as
    /// <see cref="ReadHistoryAsync"/> does (PostgreSQL: all in one round trip). Null when the prologue made no history table.
    /// </summary>
    Task<IReadOnlyList<HistoryRow>?> RunPrologueAsync(string prologue, CancellationToken cancellationToken);

    /// <summary>All history rows, or null when the history table does not exist.</summary>
    Task<IReadOnlyList<HistoryRow>?> ReadHistoryAsync(CancellationToken cancellationToken);

    /// <summary>Starts a write transaction that excludes every other applier until it ends.</summary>
    Task<IMigrationTransaction> BeginAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs a <c>transaction=none</c> body statement by statement, each committed on its own (PostgreSQL: its own
    /// implicit transaction, as CREATE INDEX CONCURRENTLY requires). Rejects transaction control statements.
    /// </summary>
    Task ExecuteWithoutTransactionAsync(string body, CancellationToken cancellationToken);
}
