using System.Globalization;
using Npgsql;
using Strata.Tests.Shared;

namespace Strata.Migrations.Tests.Support;

/// <summary>A fresh database on the shared throwaway server, plus read-back helpers for assertions.</summary>
public sealed class PgTestDatabase
{
    public PgTestDatabase(PostgresServer server)
    {
        Server = server;
        Name = server.CreateDatabase();
        ConnectionString = server.ConnectionString(Name);
    }

    public PostgresServer Server { get; }

    public string Name { get; }

    public string ConnectionString { get; }

    public List<string> Query(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture) ?? "");
        }

        return rows;
    }

    public void Execute(string sql) => Query(sql);

    public List<string> Tables() =>
        Query("SELECT c.relname || ':' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY 1");

    /// <summary>"version checksum" per row, in version order; empty when there is no history table.</summary>
    public List<string> History() =>
        Query("SELECT to_regclass('strata_schema_history') IS NOT NULL")[0] == "True"
            ? Query("SELECT version || ' ' || checksum FROM strata_schema_history ORDER BY version::numeric")
            : [];

    /// <summary>Advisory locks held in this database by anyone.</summary>
    public List<string> AdvisoryLocks() =>
        Query($"SELECT pid::text FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = '{Name}')");

    public string SchemaDump() => Server.SchemaDump(Name);
}
