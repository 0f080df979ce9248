using System.Data.Common;
//#if (UsePostgres)
using Npgsql;
//#endif
using Strata.Migrations.Engine;
//#if (UsePostgres)
using Strata.Migrations.Postgres;
//#endif
using Strata.Migrations.Script;
//#if (UseSqlite)
using Strata.Migrations.Sqlite;
//#endif

namespace Company.Service1.Data;

/// <summary>
/// The service's SQL datastores, one per SQL Datastore item in the project file (the other stores have their health
/// checks in Probes/). Connection strings come from configuration (appsettings.json, or ConnectionStrings__&lt;name&gt;
/// in the environment); secrets never live in the repository.
/// </summary>
public sealed class Datastores : IAsyncDisposable
{
    private Datastores(DbDataSource main, IReadOnlyList<Datastore> all)
    {
        Main = main;
        All = all;
    }

    /// <summary>The SQL datastore named 'main', which backs the /todos resource.</summary>
    public DbDataSource Main { get; }

    public IReadOnlyList<Datastore> All { get; }

    public static Datastores Create(IConfiguration configuration, IHostEnvironment environment)
    {
        var all = new List<Datastore>();
//#if (UsePostgres)
        var postgres = PostgresConnectionString(Required(configuration, "main"), configuration[PostgresPasswordSetting]);
        all.Add(new Datastore("main", NpgsqlDataSource.Create(postgres), script => PostgresMigrator.Create(postgres, script)));
//#endif
//#if (UseSqlite)
        var sqlite = new SqliteDbDataSource(Required(configuration, "SQLITE_DATASTORE"), environment.ContentRootPath);
        all.Add(new Datastore("SQLITE_DATASTORE", sqlite, script => SqliteMigrator.Create(sqlite.ConnectionString, script)));
//#endif
        return new Datastores(all.Single(d => d.Name == "main").DataSource, all);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var datastore in All)
        {
            await datastore.DataSource.DisposeAsync();
        }
    }

    private static string Required(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name)
        ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not configured (appsettings.json or the ConnectionStrings__{name} environment variable).");
//#if (UsePostgres)

    /// <summary>The configuration key of the password compose.yaml gives PostgreSQL (.env in development).</summary>
    public const string PostgresPasswordSetting = "POSTGRES_PASSWORD";

    /// <summary>
    /// Npgsql's pool, sized by the seed's starting point min(32, 2 x cores + effective spindles) with one spindle (SSD),
    /// unless the connection string sets Maximum Pool Size. The password comes from the connection string given by
    /// the environment, else from PGPASSWORD (which Npgsql reads itself), else from POSTGRES_PASSWORD in configuration;
    /// never from a committed file. Migrations get the same settings but a data source of their own, tuned for a run
    /// and closed after it, so they never take the service's connections.
    /// </summary>
    private static string PostgresConnectionString(string connectionString, string? configuredPassword)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("Max Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            builder.MaxPoolSize = PoolSize(Environment.ProcessorCount, effectiveSpindles: 1);
        }

        if (string.IsNullOrEmpty(builder.Password) &&
            string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGPASSWORD")) && !string.IsNullOrEmpty(configuredPassword))
        {
            builder.Password = configuredPassword;
        }

        return builder.ConnectionString;
    }

    public static int PoolSize(int cores, int effectiveSpindles) => Math.Min(32, (cores * 2) + effectiveSpindles);
//#endif
}

/// <summary>One datastore: its name (the Datastore item), its connections, and how to migrate it.</summary>
public sealed record Datastore(string Name, DbDataSource DataSource, Func<MigrationScript, IMigrator> CreateMigrator)
{
    /// <summary>The script Strata.Sdk generated from db/&lt;name&gt;/migrations at build time, embedded in this assembly.</summary>
    public IMigrator Migrator() => CreateMigrator(MigrationScript.FromEmbeddedResource(typeof(Datastores).Assembly, Name));
}
