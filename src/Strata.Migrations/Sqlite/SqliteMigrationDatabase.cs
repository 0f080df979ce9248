using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Strata.Migrations.Engine;
using Strata.Migrations.Errors;
using Strata.Migrations.Script;

namespace Strata.Migrations.Sqlite;

/// <summary>
/// SQLite dialect. Statements go through the native API rather than SqliteCommand so that waiting on a lock is
/// bounded by busy_timeout alone (SqliteCommand adds its own retry loop on top of it).
/// </summary>
internal sealed class SqliteMigrationDatabase : IMigrationDatabase
{
    private readonly string connectionString;
    private readonly MigrationOptions options;
    private const int LockPollMs = 20;
    private SqliteConnection? connection;

    public SqliteMigrationDatabase(string connectionString, MigrationOptions options)
    {
        this.connectionString = connectionString;
        this.options = options;
        DisplayName = new SqliteConnectionStringBuilder(connectionString).DataSource;
    }

    /// <summary>How messages name the database: its data source.</summary>
    public string DisplayName { get; private set; }

    private int BusyTimeoutMs => (int)Math.Clamp(options.BusyTimeout.TotalMilliseconds, 0, int.MaxValue);

    internal sqlite3 Handle => connection?.Handle ?? throw new InvalidOperationException("The database is not open.");

    public Task<bool> OpenAsync(bool create, CancellationToken cancellationToken)
    {
        SqliteRuntime.EnsureInitialized();
        var path = FilePath(new SqliteConnectionStringBuilder(connectionString));
        if (path is not null)
        {
            DisplayName = path;
            if (!create && !File.Exists(path))
            {
                return Task.FromResult(false);
            }

            CreateDirectory(path);
        }

        connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
        }
        catch (SqliteException ex)
        {
            throw Unavailable("open", ex);
        }

        raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMs);

        // Caught here rather than as a confusing failure of the first migration statement that writes.
        if (create && raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
        {
            throw Unavailable("write to", new SqliteException("SQLite Error 8: 'attempt to write a readonly database'.", raw.SQLITE_READONLY));
        }

        return Task.FromResult(true);
    }

    /// <summary>SQLite locks per migration, in <see cref="BeginAsync"/>.</summary>
    public Task LockAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>False: between two migrations another applier may take the write lock, so each one reads the history again.</summary>
    public bool HoldsRunLock => false;

    /// <summary>In autocommit mode each statement is its own transaction (VACUUM, for one, refuses to run inside one).</summary>
    public Task ExecuteWithoutTransactionAsync(string body, CancellationToken cancellationToken)
    {
        SqliteStatementRunner.Execute(Handle, body, cancellationToken);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<HistoryRow>?> RunPrologueAsync(string prologue, CancellationToken cancellationToken)
    {
        var transaction = await BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                SqliteStatementRunner.Execute(Handle, prologue, cancellationToken);
            }
            catch (StatementFailedException ex) when (ex.InnerException is SqliteException inner && SqliteError.IsUnavailable(inner.SqliteErrorCode))
            {
                throw Unavailable("prepare", inner);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return await ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<HistoryRow>?> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        var exists = Query(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", ScriptFormat.HistoryTable, s => raw.sqlite3_column_int64(s, 0));
        if (exists[0] == 0)
        {
            return Task.FromResult<IReadOnlyList<HistoryRow>?>(null);
        }

        var rows = Query(
            $"SELECT version, description, checksum, applied_at, applied_by, duration_ms FROM {ScriptFormat.HistoryTable}", null, ReadRow);
        return Task.FromResult<IReadOnlyList<HistoryRow>?>(rows);
    }

    public async Task<IMigrationTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        // IMMEDIATE takes the write lock now, so two appliers queue here instead of both reading the history and
        // then failing to upgrade their locks. Waiting for it is the long wait (another replica's migration), so it
        // is done here with short native waits and async delays: the caller's thread is free and cancellation works.
        var deadline = Stopwatch.GetTimestamp() + (long)(options.BusyTimeout.TotalSeconds * Stopwatch.Frequency);
        raw.sqlite3_busy_timeout(Handle, LockPollMs);
        try
        {
            while (true)
            {
                var rc = raw.sqlite3_exec(Handle, "BEGIN IMMEDIATE");
                if (rc == raw.SQLITE_OK)
                {
                    return new SqliteMigrationTransaction(this);
                }

                if ((rc & 0xFF) is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED) || Stopwatch.GetTimestamp() >= deadline)
                {
                    throw Unavailable("lock", SqliteError.From(Handle, rc));
                }

                await Task.Delay(LockPollMs, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            raw.sqlite3_busy_timeout(Handle, BusyTimeoutMs);
        }
    }

    public ValueTask DisposeAsync()
    {
        connection?.Dispose();
        connection = null;
        return ValueTask.CompletedTask;
    }

    internal List<T> Query<T>(string sql, string? parameter, Func<sqlite3_stmt, T> read)
    {
        var rc = raw.sqlite3_prepare_v2(Handle, sql, out var statement);
        using (statement)
        {
            if (rc == raw.SQLITE_OK && parameter is not null)
            {
                rc = raw.sqlite3_bind_text(statement, 1, parameter);
            }

            var rows = new List<T>();
            while (rc == raw.SQLITE_OK && (rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                rows.Add(read(statement));
                rc = raw.SQLITE_OK;
            }

            return rc == raw.SQLITE_DONE ? rows : throw Unavailable("read the history table of", SqliteError.From(Handle, rc));
        }
    }

    internal MigrationException Unavailable(string what, SqliteException ex)
    {
        var hint = (ex.SqliteErrorCode & 0xFF) switch
        {
            raw.SQLITE_BUSY or raw.SQLITE_LOCKED => string.Create(
                CultureInfo.InvariantCulture,
                $" Another connection held it for longer than the busy timeout ({options.BusyTimeout.TotalSeconds:0.###} s); raise MigrationOptions.BusyTimeout or find the long-running writer."),
            raw.SQLITE_READONLY => " The file or its folder is read-only, or the connection string says Mode=ReadOnly; migrations need write access.",
            raw.SQLITE_CANTOPEN or raw.SQLITE_PERM => " Check that the path exists and that this user may write to it.",
            raw.SQLITE_NOTADB => " The file is not a SQLite database.",
            _ => string.Empty,
        };
        return new MigrationException(
            MigrationErrors.DatabaseUnavailable,
            $"Could not {what} SQLite database '{DisplayName}': {ex.Message}{hint}",
            innerException: ex);
    }

    private static void CreateDirectory(string path)
    {
        var directory = Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new MigrationException(
                MigrationErrors.DatabaseUnavailable,
                $"Could not create the folder '{directory}' of SQLite database '{path}': {ex.Message}",
                innerException: ex);
        }
    }

    /// <summary>The database file, or null for in-memory databases and URIs, which have no folder to create.</summary>
    private static string? FilePath(SqliteConnectionStringBuilder builder)
    {
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || source.Length == 0 || source == ":memory:"
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || source.Contains("|DataDirectory|", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Path.GetFullPath(source);
    }

    private static HistoryRow ReadRow(sqlite3_stmt s)
    {
        var appliedAt = DateTimeOffset.TryParse(
            raw.sqlite3_column_text(s, 3).utf8_to_string(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : (DateTimeOffset?)null;
        return new HistoryRow(
            raw.sqlite3_column_text(s, 0).utf8_to_string(),
            raw.sqlite3_column_text(s, 1).utf8_to_string(),
            raw.sqlite3_column_text(s, 2).utf8_to_string(),
            appliedAt,
            raw.sqlite3_column_text(s, 4).utf8_to_string(),
            raw.sqlite3_column_int64(s, 5));
    }
}
