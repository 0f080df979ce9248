using System.Data.Common;
using System.Reflection;
using Npgsql;
using Strata.Migrations.Engine;
using Strata.Migrations.Script;

namespace Strata.Migrations.Postgres;

/// <summary>
/// Entry points for PostgreSQL datastores. A run uses two connections: one holds the datastore's session advisory lock
/// (<see cref="MigrationLockKey"/>) for the whole run, so a crashed process releases it when its connection drops; the
/// other applies the migrations, each in its own transaction unless marked <c>transaction=none</c>.
/// </summary>
public static class PostgresMigrator
{
    /// <summary>Statements a run's own data source prepares: BEGIN, COMMIT and the history INSERT (two forms), with room to spare.</summary>
    internal const int AutoPrepared = 8;

    /// <summary>Engine names a PostgreSQL script may carry in its <c>-- strata:script engine=</c> attribute.</summary>
    private static readonly string[] Engines = ["postgres", "postgresql"];

    /// <summary>
    /// A migrator with a data source of its own per call (created from <paramref name="connectionString"/>, disposed after
    /// the call). That data source is tuned for a migration run unless the connection string says otherwise: no type
    /// loading (a run reads only built-in types, so the first open skips the catalog query that loads the database's),
    /// and automatic preparation, so the BEGIN, history INSERT and COMMIT every migration repeats are parsed and planned
    /// once per connection (a body's statements run once each and are never prepared).
    /// </summary>
    public static IMigrator Create(string connectionString, MigrationScript script, MigrationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        CheckEngine(script);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            // Npgsql's message names the keyword, never a value: no secret can leak through it.
            throw new ArgumentException($"Not a valid Npgsql connection string: {ex.Message}", nameof(connectionString), ex);
        }

        var resolved = options ?? new MigrationOptions();
        CheckPooling(builder, resolved, nameof(connectionString));
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "strata-migrations";
        }

        if (!Given(given, "Max Auto Prepare", "MaxAutoPrepare") && !MayDropPreparedStatements(script))
        {
            builder.MaxAutoPrepare = AutoPrepared;
        }

        // A builder per call: a migrator may run several operations, even at once, and a builder is not thread-safe.
        var full = builder.ConnectionString;
        var loadTypes = Given(given, "Server Compatibility Mode", "ServerCompatibilityMode");
        return new Migrator(
            script,
            () =>
            {
                var perRun = new NpgsqlDataSourceBuilder(full);
                if (!loadTypes)
                {
                    perRun.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
                }

                return new PostgresMigrationDatabase(perRun.Build(), ownsDataSource: true, script, resolved);
            },
            resolved);
    }

    /// <summary>
    /// A migrator that takes its two connections from the caller's data source (e.g. the service's own), which stays
    /// the caller's to dispose. The data source must not use multiplexing (a session lock needs a connection of its own).
    /// </summary>
    public static IMigrator Create(NpgsqlDataSource dataSource, MigrationScript script, MigrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        CheckEngine(script);
        var resolved = options ?? new MigrationOptions();
        CheckPooling(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString), resolved, nameof(dataSource));
        return new Migrator(
            script,
            () => new PostgresMigrationDatabase(dataSource, ownsDataSource: false, script, resolved),
            resolved);
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

    /// <inheritdoc cref="ApplyEmbeddedAsync(string, Assembly, string, MigrationOptions?, CancellationToken)"/>
    public static Task<MigrationResult> ApplyEmbeddedAsync(
        NpgsqlDataSource dataSource,
        Assembly assembly,
        string datastore,
        MigrationOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Create(dataSource, MigrationScript.FromEmbeddedResource(assembly, datastore), options).ApplyAsync(cancellationToken);

    /// <summary>
    /// Whether a migration (or its down part) may run <c>DEALLOCATE ALL</c> or <c>DISCARD ALL</c>, which drop the session's
    /// prepared statements behind Npgsql's back: the next use of one fails. Such a script's run prepares nothing. A word
    /// in a comment or a string counts too; that only costs the preparation.
    /// </summary>
    internal static bool MayDropPreparedStatements(MigrationScript script) =>
        script.Migrations.Any(m => DropsPrepared(m.Body) || (m.DownBody is { } down && DropsPrepared(down)));

    private static bool DropsPrepared(string sql) =>
        sql.Contains("DEALLOCATE", StringComparison.OrdinalIgnoreCase) || sql.Contains("DISCARD", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the caller's connection string sets a keyword (under either spelling Npgsql accepts), even to its default.</summary>
    private static bool Given(DbConnectionStringBuilder given, params string[] keywords) => keywords.Any(given.ContainsKey);

    private static void CheckEngine(MigrationScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (!Engines.Contains(script.Engine, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"Migration script '{script.Name}' is for engine '{script.Engine}', not postgres; pass the script of a PostgreSQL datastore.",
                nameof(script));
        }
    }

    private static void CheckPooling(NpgsqlConnectionStringBuilder builder, MigrationOptions options, string parameter)
    {
        if (builder.Multiplexing)
        {
            throw new ArgumentException(
                "Migrations need a data source without Multiplexing: the migration lock is a session lock held on a connection of its own.", parameter);
        }

        if (builder.Pooling && builder.MaxPoolSize < 2 && !options.SingleConnection)
        {
            throw new ArgumentException(
                "Migrations need two connections at once (one holds the migration lock, the other applies); raise Max Pool Size to at least 2, or set MigrationOptions.SingleConnection.", parameter);
        }
    }
}
