using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Strata.Migrations.Engine;
using Strata.Migrations.Script;

namespace Strata.Migrations.Postgres;

/// <summary>
/// One migration's transaction on the migration connection; rolled back unless committed. Npgsql sends BEGIN with the
/// first command that follows, not in a round trip of its own.
/// </summary>
internal sealed class PostgresMigrationTransaction(PostgresMigrationDatabase database, NpgsqlTransaction transaction) : IMigrationTransaction
{
    /// <summary>duration_ms as the server measures it: from the transaction's start (now()) to the history row, i.e. the body.</summary>
    internal const string ServerDurationMs = "(1000 * extract(epoch FROM clock_timestamp() - now()))::bigint";

    /// <summary>
    /// A RETURNING item that sets synchronous_commit to off for the rest of the transaction (set_config's is_local: what
    /// SET LOCAL does), so the history INSERT carries it and no command of its own is needed.
    /// </summary>
    internal const string AsyncCommit = $"set_config('synchronous_commit', 'off', true) AS {AsyncCommitColumn}";

    internal const string AsyncCommitColumn = "strata_synchronous_commit";

    private bool completed;

    public async Task<HistoryRow?> FindAsync(string normalizedVersion, CancellationToken cancellationToken)
    {
        var command = new NpgsqlCommand($"SELECT checksum FROM {ScriptFormat.HistoryTable} WHERE version = $1", database.Connection, transaction);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = normalizedVersion, NpgsqlDbType = NpgsqlDbType.Text });
            try
            {
                return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string checksum
                    ? new HistoryRow(normalizedVersion, string.Empty, checksum, null, null, 0)
                    : null;
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw database.Unavailable("read the history table of", ex);
            }
        }
    }

    /// <summary>Statement by statement, one round trip each (the prologue).</summary>
    public Task ExecuteAsync(string body, CancellationToken cancellationToken) =>
        PostgresStatementRunner.ExecuteAsync(database.Connection, body, database, cancellationToken);

    /// <summary>
    /// The body's statements, the history INSERT and COMMIT as one pipelined batch: BEGIN goes out with it, so a migration
    /// is one round trip. The server runs the commands in order and, after a failure, skips the rest up to the batch's
    /// Sync, COMMIT included; the transaction is then rolled back on disposal. The failing command is named from the same
    /// execution (<see cref="PostgresStatementRunner.FailedIndex"/>), never by running anything again. Under the run's
    /// lock the engine sends migrations in groups instead (<see cref="PostgresMigrationGroup"/>), each in a transaction
    /// of its own with the same error mapping; this one-migration form serves <see cref="IMigrationTransaction"/>.
    /// </summary>
    public async Task<TimeSpan> ApplyAsync(string body, HistoryRow row, bool durable, CancellationToken cancellationToken)
    {
        var statements = PostgresStatementRunner.Split(body);
        var batch = new NpgsqlBatch(database.Connection, transaction) { Timeout = 0 }; // statement_timeout bounds each statement
        await using (batch.ConfigureAwait(false))
        {
            foreach (var statement in statements)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(body[statement.Start..statement.End]));
            }

            // duration_ms is measured by the server: from the transaction's start (now()) to this row, i.e. the body.
            // Unless durable, the INSERT also turns synchronous_commit off for this transaction (as SET LOCAL would; read
            // at COMMIT): the run's final migration commits durably and flushes this one too.
            batch.BatchCommands.Add(HistoryInsert(row, ServerDurationMs, durable ? "" : $" RETURNING {AsyncCommit}"));

            int commitIndex = batch.BatchCommands.Count;
            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            var started = Stopwatch.GetTimestamp();
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (!cancellationToken.IsCancellationRequested && !PostgresMigrationDatabase.IsUnavailable(ex))
            {
                var failed = PostgresStatementRunner.FailedIndex(batch, ex);
                if (failed >= 0 && failed < statements.Count)
                {
                    throw PostgresStatementRunner.Failed(body, statements[failed], ex, database);
                }

                if (failed == statements.Count)
                {
                    throw new StatementFailedException(null, $"Recording it in {ScriptFormat.HistoryTable} failed: {ex.SqlState}: {ex.MessageText.TrimEnd('.')}.", ex);
                }

                if (failed == commitIndex)
                {
                    // A deferred constraint fails here and is the migration's fault; the server has rolled back already.
                    completed = true;
                    throw new StatementFailedException(null, $"COMMIT failed: {ex.SqlState}: {ex.MessageText.TrimEnd('.')}.", ex);
                }

                // Not expected (see FailedIndex); the server's message still says what went wrong.
                throw new StatementFailedException(
                    statements.Count > 0 ? statements[0].Line : null,
                    $"{ex.SqlState}: {ex.MessageText.TrimEnd('.')} (the failing statement could not be identified).",
                    ex);
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw database.Unavailable("apply a migration to", ex);
            }

            completed = true;
            return Stopwatch.GetElapsedTime(started);
        }
    }

    public async Task InsertAsync(HistoryRow row, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(database.Connection, transaction);
        await using (batch.ConfigureAwait(false))
        {
            batch.BatchCommands.Add(HistoryInsert(row, "$5"));
            batch.BatchCommands[0].Parameters.Add(new NpgsqlParameter { Value = row.DurationMs, NpgsqlDbType = NpgsqlDbType.Bigint });
            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (!cancellationToken.IsCancellationRequested && !PostgresMigrationDatabase.IsUnavailable(ex))
            {
                throw new StatementFailedException(null, $"Recording it in {ScriptFormat.HistoryTable} failed: {ex.SqlState}: {ex.MessageText.TrimEnd('.')}.", ex);
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw database.Unavailable("record a migration in", ex);
            }
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (!cancellationToken.IsCancellationRequested && !PostgresMigrationDatabase.IsUnavailable(ex))
        {
            // A deferred constraint fails here and is the migration's fault.
            throw new StatementFailedException(null, $"COMMIT failed: {ex.SqlState}: {ex.MessageText.TrimEnd('.')}.", ex);
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw database.Unavailable("commit to", ex);
        }

        completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!completed)
        {
            completed = true;
            try
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // A broken connection has no transaction left to roll back: the server already did.
            }
        }

        await transaction.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The history row's INSERT; <paramref name="durationMs"/> is SQL for duration_ms. applied_at is the server's now()
    /// (the column default), as for a psql run; applied_by defaults to current_user.
    /// </summary>
    internal static NpgsqlBatchCommand HistoryInsert(HistoryRow row, string durationMs, string returning = "")
    {
        var command = new NpgsqlBatchCommand(
            $"INSERT INTO {ScriptFormat.HistoryTable} (version, description, checksum, applied_by, duration_ms) VALUES ($1, $2, $3, coalesce($4, current_user), {durationMs}){returning}");
        command.Parameters.Add(new NpgsqlParameter { Value = row.NormalizedVersion, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Description, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = row.Checksum, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.AppliedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return command;
    }
}
