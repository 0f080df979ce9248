namespace Strata.Migrations.Engine;

/// <summary>One migration's transaction. Disposing it without <see cref="CommitAsync"/> rolls back.</summary>
internal interface IMigrationTransaction : IAsyncDisposable
{
    /// <summary>The history row of a version, read inside the transaction: another applier may have just added it.</summary>
    Task<HistoryRow?> FindAsync(string normalizedVersion, CancellationToken cancellationToken);

    /// <summary>Runs a migration body statement by statement; rejects transaction control statements.</summary>
    Task ExecuteAsync(string body, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a migration body (its statements in order), records <paramref name="row"/> (the dialect sets its duration
    /// and, where the server does not, its time) and commits, all or nothing: on a failure nothing is committed and
    /// disposal rolls back. Rejects transaction control statements before anything runs. Returns the time it took.
    /// With <paramref name="durable"/> false the commit need not wait for the disk (PostgreSQL: synchronous_commit off):
    /// a later durable commit of the same run flushes it too, and a crash before that loses only whole migrations
    /// together with their history rows, which the next run applies again.
    /// </summary>
    Task<TimeSpan> ApplyAsync(string body, HistoryRow row, bool durable, CancellationToken cancellationToken);

    Task InsertAsync(HistoryRow row, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
