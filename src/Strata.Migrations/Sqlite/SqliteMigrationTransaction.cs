using System.Diagnostics;
using System.Globalization;
using SQLitePCL;
using Strata.Migrations.Engine;
using Strata.Migrations.Script;

namespace Strata.Migrations.Sqlite;

/// <summary>A BEGIN IMMEDIATE transaction on the migrator's connection; rolled back unless committed.</summary>
internal sealed class SqliteMigrationTransaction(SqliteMigrationDatabase database) : IMigrationTransaction
{
    private bool completed;

    public Task<HistoryRow?> FindAsync(string normalizedVersion, CancellationToken cancellationToken)
    {
        var checksums = database.Query(
            $"SELECT checksum, description FROM {ScriptFormat.HistoryTable} WHERE version = ?1",
            normalizedVersion,
            s => raw.sqlite3_column_text(s, 0).utf8_to_string());
        return Task.FromResult(checksums.Count == 0
            ? null
            : new HistoryRow(normalizedVersion, string.Empty, checksums[0], null, string.Empty, 0));
    }

    public Task ExecuteAsync(string body, CancellationToken cancellationToken)
    {
        SqliteStatementRunner.Execute(database.Handle, body, cancellationToken);
        return Task.CompletedTask;
    }

    public async Task<TimeSpan> ApplyAsync(string body, HistoryRow row, bool durable, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await ExecuteAsync(body, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await InsertAsync(row with { AppliedAt = DateTimeOffset.UtcNow, DurationMs = (long)elapsed.TotalMilliseconds }, cancellationToken).ConfigureAwait(false);
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        return elapsed;
    }

    public Task InsertAsync(HistoryRow row, CancellationToken cancellationToken)
    {
        var db = database.Handle;
        var rc = raw.sqlite3_prepare_v2(
            db,
            $"INSERT INTO {ScriptFormat.HistoryTable} (version, description, checksum, applied_at, applied_by, duration_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            out var statement);
        using (statement)
        {
            if (rc == raw.SQLITE_OK)
            {
                raw.sqlite3_bind_text(statement, 1, row.NormalizedVersion);
                raw.sqlite3_bind_text(statement, 2, row.Description);
                raw.sqlite3_bind_text(statement, 3, row.Checksum);
                raw.sqlite3_bind_text(statement, 4, (row.AppliedAt ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("o", CultureInfo.InvariantCulture));
                raw.sqlite3_bind_text(statement, 5, row.AppliedBy ?? Environment.UserName);
                raw.sqlite3_bind_int64(statement, 6, row.DurationMs);
                rc = raw.sqlite3_step(statement);
            }

            if (rc != raw.SQLITE_DONE)
            {
                var error = SqliteError.From(db, rc);
                throw new StatementFailedException(null, $"Recording it in {ScriptFormat.HistoryTable} failed: {error.Message}", error);
            }
        }

        return Task.CompletedTask;
    }

    public Task CommitAsync(CancellationToken cancellationToken)
    {
        var db = database.Handle;
        var rc = raw.sqlite3_exec(db, "COMMIT");
        if (rc != raw.SQLITE_OK)
        {
            var error = SqliteError.From(db, rc);
            // A deferred foreign key fails here and is the migration's fault; a lock that never came is not.
            throw SqliteError.IsUnavailable(rc)
                ? database.Unavailable("commit to", error)
                : new StatementFailedException(null, $"COMMIT failed: {error.Message}", error);
        }

        completed = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        // SQLite may already have rolled back on its own (e.g. after SQLITE_FULL); ROLLBACK then would only error.
        if (!completed && raw.sqlite3_get_autocommit(database.Handle) == 0)
        {
            raw.sqlite3_exec(database.Handle, "ROLLBACK");
        }

        completed = true;
        return ValueTask.CompletedTask;
    }
}
