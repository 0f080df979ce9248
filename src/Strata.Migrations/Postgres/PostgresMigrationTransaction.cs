using Npgsql;
using NpgsqlTypes;
using Strata.Migrations.Engine;
using Strata.Migrations.Script;

namespace Strata.Migrations.Postgres;

/// <summary>One migration's transaction on the migration connection; rolled back unless committed.</summary>
internal sealed class PostgresMigrationTransaction(PostgresMigrationDatabase database, NpgsqlTransaction transaction) : IMigrationTransaction
{
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

    public Task ExecuteAsync(string body, CancellationToken cancellationToken) =>
        PostgresStatementRunner.ExecuteAsync(database.Connection, body, database, cancellationToken);

    public async Task InsertAsync(HistoryRow row, CancellationToken cancellationToken)
    {
        // applied_at is the server's now() (the column default), as for a psql run; applied_by defaults to current_user.
        var command = new NpgsqlCommand(
            $"INSERT INTO {ScriptFormat.HistoryTable} (version, description, checksum, applied_by, duration_ms) VALUES ($1, $2, $3, coalesce($4, current_user), $5)",
            database.Connection,
            transaction);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = row.NormalizedVersion, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Description, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = row.Checksum, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)row.AppliedBy ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { Value = row.DurationMs, NpgsqlDbType = NpgsqlDbType.Bigint });
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
}
