using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Strata.Migrations.Engine;
using Strata.Migrations.Errors;
using Strata.Migrations.Script;

namespace Strata.Migrations.Postgres;

/// <summary>
/// PostgreSQL dialect. Two connections per run: one only holds the datastore's session advisory lock (the same key
/// the generated psql script takes, <see cref="MigrationLockKey"/>), so the lock dies with the connection when the
/// process dies; the other runs the migrations with the script's lock_timeout and statement_timeout. With
/// <see cref="MigrationOptions.SingleConnection"/> the one connection does both.
/// </summary>
internal sealed class PostgresMigrationDatabase : IMigrationDatabase, IMigrationGroupDatabase
{
    private const int PollMinMs = 50;
    private const int PollMaxMs = 250;

    private const string HistoryVersionColumn = "strata_history_version";
    private const int HistoryColumns = 6;

    private static readonly string HistorySelect =
        $"SELECT version AS {HistoryVersionColumn}, description, checksum, applied_at, applied_by, duration_ms FROM {ScriptFormat.HistoryTable}";

    private readonly NpgsqlDataSource dataSource;
    private readonly bool ownsDataSource;
    private readonly MigrationScript script;
    private readonly MigrationOptions options;
    private NpgsqlConnection? connection;
    private NpgsqlConnection? lockConnection;
    private bool locked;

    public PostgresMigrationDatabase(NpgsqlDataSource dataSource, bool ownsDataSource, MigrationScript script, MigrationOptions options)
    {
        this.dataSource = dataSource;
        this.ownsDataSource = ownsDataSource;
        this.script = script;
        this.options = options;
        DisplayName = Describe(dataSource.ConnectionString);
    }

    /// <summary>How messages name the database: host, port and database name; never the password.</summary>
    public string DisplayName { get; }

    public long LockKey => MigrationLockKey.For(script.Datastore);

    /// <summary>
    /// True: the session advisory lock is held from <see cref="LockAsync"/> to disposal, and every Strata applier (this
    /// runtime and the generated psql script) takes it before reading the history.
    /// </summary>
    public bool HoldsRunLock => true;

    public string LockTimeoutSetting => script.LockTimeout ?? ScriptFormat.DefaultLockTimeout;

    public string StatementTimeoutSetting => script.StatementTimeout ?? ScriptFormat.DefaultStatementTimeout;

    internal NpgsqlConnection Connection => connection ?? throw new InvalidOperationException("The database is not open.");

    /// <summary>"host:port/database": what a log line may show of a connection string.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Remove("Password");
        var port = builder.Port.ToString(CultureInfo.InvariantCulture);
        return $"{builder.Host}:{port}/{builder.Database ?? builder.Username ?? "(default)"}";
    }

    /// <summary>Errors that say "cannot get at the database" (STRATA5006) rather than "this SQL is wrong" (STRATA5002).</summary>
    public static bool IsUnavailable(PostgresException ex) =>
        ex.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
        || ex.SqlState.StartsWith("57P", StringComparison.Ordinal) // admin shutdown, crash shutdown, cannot connect now
        || ex.SqlState.StartsWith("28", StringComparison.Ordinal) // authentication
        || ex.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.TooManyConnections;

    public async Task<bool> OpenAsync(bool create, CancellationToken cancellationToken)
    {
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName && !create)
        {
            return false;
        }
        catch (NpgsqlException ex)
        {
            throw Unavailable("connect to", ex);
        }

        // Bounded waits for DDL locks and statements come from the script (the generator writes the same values into
        // its psql section). set_config takes them as parameters: nothing from the script is spliced into SQL.
        // From PostgreSQL 14, client_connection_check_interval too: if this process dies mid-statement, the server
        // notices within a second and rolls the migration back, instead of running a long statement to its end for
        // nobody (and holding its table locks meanwhile). One round trip for all of them.
        const string Timeouts = "SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false)";
        if (Connection.PostgreSqlVersion.Major >= 14)
        {
            try
            {
                await ExecuteAsync(
                    $"{Timeouts}, set_config('client_connection_check_interval', '1s', false)",
                    "configure the session of",
                    cancellationToken,
                    LockTimeoutSetting,
                    StatementTimeoutSetting).ConfigureAwait(false);
                return true;
            }
            catch (MigrationException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.InvalidParameterValue } rejected
                && rejected.MessageText.Contains("client_connection_check_interval", StringComparison.Ordinal))
            {
                // Not supported on this server's platform: a statement then runs to its end (bounded by statement_timeout).
            }
        }

        await ExecuteAsync(Timeouts, "configure the session of", cancellationToken, LockTimeoutSetting, StatementTimeoutSetting).ConfigureAwait(false);
        return true;
    }

    public async Task LockAsync(CancellationToken cancellationToken)
    {
        try
        {
            lockConnection = options.SingleConnection ? Connection : await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Unavailable("open the lock connection to", ex);
        }

        var started = Stopwatch.GetTimestamp();
        var waiting = false;
        while (true)
        {
            if (await ScalarAsync<bool>(lockConnection, "SELECT pg_try_advisory_lock($1)", "lock", cancellationToken, LockKey).ConfigureAwait(false))
            {
                locked = true;
                if (waiting)
                {
                    options.Progress?.Invoke(string.Create(
                        CultureInfo.InvariantCulture, $"Got the migration lock of datastore '{script.Datastore}' after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s"));
                }

                return;
            }

            if (Stopwatch.GetElapsedTime(started) >= options.LockTimeout)
            {
                var holder = await LockHolderAsync(cancellationToken).ConfigureAwait(false);
                throw new MigrationException(
                    MigrationErrors.DatabaseUnavailable,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"Could not lock PostgreSQL database '{DisplayName}': the migration lock of datastore '{script.Datastore}' (advisory lock {LockKey}) ") +
                    $"is still held by {holder} after {FormatTimeSpan(options.LockTimeout)}. Another replica, or a 'psql -f migrate.sql' run, is applying migrations; " +
                    "raise MigrationOptions.LockTimeout if they take that long, or look at that session in pg_stat_activity.");
            }

            if (!waiting)
            {
                waiting = true;
                options.Progress?.Invoke($"Waiting for the migration lock of datastore '{script.Datastore}' (held by {await LockHolderAsync(cancellationToken).ConfigureAwait(false)})");
            }

            await Task.Delay(Random.Shared.Next(PollMinMs, PollMaxMs), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One pipelined batch: <c>BEGIN; the prologue's statements; COMMIT; SELECT the history</c>. A failing prologue statement
    /// stops the batch there (the server skips the rest) and is mapped to its line; the SELECT runs after COMMIT, on its own.
    /// </summary>
    public async Task<IReadOnlyList<HistoryRow>?> RunPrologueAsync(string prologue, CancellationToken cancellationToken)
    {
        var statements = PostgresStatementRunner.Split(prologue);
        var batch = new NpgsqlBatch(Connection) { Timeout = 0 }; // statement_timeout bounds each statement
        await using (batch.ConfigureAwait(false))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("BEGIN"));
            foreach (var statement in statements)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(prologue[statement.Start..statement.End]));
            }

            batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(HistorySelect));
            try
            {
                var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    // The prologue's own results (none, as generated) come first; the history's columns are named.
                    while (reader.FieldCount != HistoryColumns || reader.GetName(0) != HistoryVersionColumn)
                    {
                        if (!await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                        {
                            throw new InvalidOperationException("The prologue's batch returned no history.");
                        }
                    }

                    return await ReadRowsAsync(reader, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (PostgresException ex) when (!cancellationToken.IsCancellationRequested && !IsUnavailable(ex))
            {
                var failed = PostgresStatementRunner.FailedIndex(batch, ex);
                if (failed == batch.BatchCommands.Count - 1)
                {
                    // The history SELECT, after the prologue committed: no table means the prologue made none.
                    return ex.SqlState == PostgresErrorCodes.UndefinedTable ? null : throw Unavailable("read the history table of", ex);
                }

                if (failed != batch.BatchCommands.Count - 2)
                {
                    await RollbackQuietlyAsync().ConfigureAwait(false); // aborted, not ended (a failed COMMIT has ended it)
                }

                throw failed >= 1 && failed <= statements.Count
                    ? PostgresStatementRunner.Failed(prologue, statements[failed - 1], ex, this)
                    : new StatementFailedException(null, $"{ex.SqlState}: {ex.MessageText.TrimEnd('.')}.", ex);
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                await RollbackQuietlyAsync().ConfigureAwait(false);
                throw Unavailable("run the prologue on", ex);
            }
            catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException)
            {
                await RollbackQuietlyAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    public async Task<IReadOnlyList<HistoryRow>?> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        // Resolved through search_path, like the prologue's CREATE TABLE and the psql script's statements.
        if (!await ScalarAsync<bool>(Connection, $"SELECT to_regclass('{ScriptFormat.HistoryTable}') IS NOT NULL", "read the history table of", cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        try
        {
            var command = new NpgsqlCommand(HistorySelect, Connection);
            await using (command.ConfigureAwait(false))
            {
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await ReadRowsAsync(reader, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable("read the history table of", ex);
        }
    }

    public async Task<IMigrationTransaction> BeginAsync(CancellationToken cancellationToken) =>
        await StartAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Npgsql sends BEGIN with the transaction's first command: this costs no round trip.</summary>
    private async Task<PostgresMigrationTransaction> StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            return new PostgresMigrationTransaction(this, await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (NpgsqlException ex)
        {
            throw Unavailable("begin a transaction on", ex);
        }
    }

    public Task<GroupOutcome> ApplyGroupAsync(IReadOnlyList<GroupedMigration> candidates, Action<int> sending, CancellationToken cancellationToken) =>
        PostgresMigrationGroup.ApplyAsync(this, candidates, sending, cancellationToken);

    public Task ExecuteWithoutTransactionAsync(string body, CancellationToken cancellationToken) =>
        PostgresStatementRunner.ExecuteAsync(Connection, body, this, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (locked && lockConnection is not null)
        {
            locked = false;
            try
            {
                // Not cancellable: the lock must go even when the run was cancelled.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await ScalarAsync<bool>(lockConnection, "SELECT pg_advisory_unlock($1)", "unlock", timeout.Token, LockKey).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MigrationException or OperationCanceledException or InvalidOperationException)
            {
                // A pooled connection must not go back to its pool still holding the lock: closing it physically ends the
                // session, and with it the lock.
                NpgsqlConnection.ClearPool(lockConnection);
            }
        }

        if (connection is not null && !ownsDataSource && connection.FullState == System.Data.ConnectionState.Open)
        {
            // The caller's pooled connection goes back without this run's session settings.
            try
            {
                var reset = connection.PostgreSqlVersion.Major >= 14
                    ? "RESET lock_timeout; RESET statement_timeout; RESET client_connection_check_interval"
                    : "RESET lock_timeout; RESET statement_timeout";
                await ExecuteAsync(reset, "reset", CancellationToken.None).ConfigureAwait(false);
            }
            catch (MigrationException)
            {
                NpgsqlConnection.ClearPool(connection);
            }
        }

        if (lockConnection is not null && !ReferenceEquals(lockConnection, connection))
        {
            await lockConnection.DisposeAsync().ConfigureAwait(false);
        }

        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        if (ownsDataSource)
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Ends a transaction a batch left open (aborted by a failure, or cut short by cancellation). Without one, the server
    /// only warns. A connection that broke has no transaction left: the server rolled it back.
    /// </summary>
    internal async Task RollbackQuietlyAsync()
    {
        if (connection is not { FullState: System.Data.ConnectionState.Open })
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var command = new NpgsqlCommand("ROLLBACK", connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            // Broken or busy: nothing to roll back on our side; the server ends the session's transaction with it.
        }
    }

    internal MigrationException Unavailable(string what, Exception ex)
    {
        var hint = ex switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                " The database does not exist: create it first (migrations create tables, not databases).",
            PostgresException pg when pg.SqlState.StartsWith("28", StringComparison.Ordinal) =>
                " Check the user name and password of the connection string.",
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections } =>
                " A run needs two connections: one holds the migration lock, the other applies.",
            PostgresException => string.Empty,
            _ => " Check that the server is running and reachable, and the host and port of the connection string.",
        };
        var message = ex is PostgresException postgres ? $"{postgres.SqlState}: {postgres.MessageText}" : ex.Message;
        return new MigrationException(
            MigrationErrors.DatabaseUnavailable,
            $"Could not {what} PostgreSQL database '{DisplayName}': {message.TrimEnd('.')}.{hint}",
            innerException: ex);
    }

    /// <summary>A statement on the migration connection; its failures are STRATA5006 (they are not a migration's SQL).</summary>
    private async Task ExecuteAsync(string sql, string what, CancellationToken cancellationToken, params string[] parameters)
    {
        var command = new NpgsqlCommand(sql, Connection);
        await using (command.ConfigureAwait(false))
        {
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = parameter, NpgsqlDbType = NpgsqlDbType.Text });
            }

            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Unavailable(what, ex);
            }
        }
    }

    private static async Task<IReadOnlyList<HistoryRow>> ReadRowsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<HistoryRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new HistoryRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                new DateTimeOffset(reader.GetDateTime(3), TimeSpan.Zero),
                reader.GetString(4),
                reader.GetInt64(5)));
        }

        return rows;
    }

    private async Task<T> ScalarAsync<T>(NpgsqlConnection on, string sql, string what, CancellationToken cancellationToken, long? parameter = null)
    {
        var command = new NpgsqlCommand(sql, on);
        await using (command.ConfigureAwait(false))
        {
            if (parameter is long value)
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
            }

            try
            {
                return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Unavailable(what, ex);
            }
        }
    }

    /// <summary>"session 1234 (application 'x', since ...)", or "another session" when it cannot be seen (e.g. no privilege).</summary>
    private async Task<string> LockHolderAsync(CancellationToken cancellationToken)
    {
        try
        {
            var command = new NpgsqlCommand(
                """
                SELECT a.pid, coalesce(nullif(a.application_name, ''), '?'), a.backend_start
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.classid::bigint = $1 AND l.objid::bigint = $2
                LIMIT 1
                """,
                lockConnection);
            await using (command.ConfigureAwait(false))
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(uint)(LockKey >> 32) });
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)(uint)LockKey });
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                        ? string.Create(
                            CultureInfo.InvariantCulture,
                            $"session {reader.GetInt32(0)} (application '{reader.GetString(1)}', connected at {reader.GetDateTime(2):yyyy-MM-dd HH:mm:ss} UTC)")
                        : "another session";
                }
            }
        }
        catch (NpgsqlException)
        {
            return "another session";
        }
    }

    private static string FormatTimeSpan(TimeSpan span) =>
        span.TotalSeconds < 120
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.##} min");
}
