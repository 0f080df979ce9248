using System.Globalization;
using Npgsql;
using Strata.Migrations.Engine;
using Strata.Migrations.Errors;
using Strata.Migrations.Postgres;
using Strata.Migrations.Tests.Support;
using Strata.Tests.Shared;

namespace Strata.Migrations.Tests.Postgres;

/// <summary>
/// The runtime on PostgreSQL 17 (+ pgvector), the other server version available here: PGlite serves one connection at
/// a time, so the runs use <see cref="MigrationOptions.SingleConnection"/> (the lock on the applying connection).
/// </summary>
public sealed class Postgres17RuntimeTests(PgliteServer pglite) : IClassFixture<PgliteServer>
{
    private static readonly MigrationOptions Options = new() { SingleConnection = true, LockTimeout = TimeSpan.FromSeconds(10) };

    private string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"Host=127.0.0.1;Port={pglite.Port};Username=postgres;Password=unused;Database=postgres;SSL Mode=Disable;Maximum Pool Size=1;Timeout=30");

    [PgliteFact]
    public async Task Applies_reapplies_nothing_fails_cleanly_and_reports_status_on_postgres_17()
    {
        var script = new PostgresScript("pg17")
            .Add("0001", "create items", "CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE pg17_items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, embedding vector(3) NOT NULL);")
            .Add("0002", "seed", "INSERT INTO pg17_items (embedding) VALUES ('[1,0,0]'), ('[0,1,0]');");

        var applied = await PostgresMigrator.Create(ConnectionString, script.Build(), Options).ApplyAsync();
        applied.Applied.Select(a => a.Version).ShouldBe(["0001", "0002"]);
        Scalar("SELECT current_setting('server_version_num')::int / 10000").ShouldBe("17");
        Scalar("SELECT id FROM pg17_items ORDER BY embedding <-> '[0.9,0.1,0]' LIMIT 1").ShouldBe("1");
        Scalar("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'").ShouldBe("0", "the lock is released with the run");

        var again = await PostgresMigrator.Create(ConnectionString, script.Build(), Options).ApplyAsync();
        again.Applied.ShouldBeEmpty();
        again.AlreadyApplied.ShouldBe(2);

        // A failing third migration: named with its line, and the schema as it was before it.
        var failing = script.Add("0003", "broken", "CREATE TABLE pg17_more (id int);\nSELECT no_such_function();");
        var error = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(ConnectionString, failing.Build(), Options).ApplyAsync());
        error.Message.ShouldContain("0003");
        Scalar("SELECT count(*) FROM pg_tables WHERE tablename = 'pg17_more'").ShouldBe("0");

        var status = await PostgresMigrator.Create(ConnectionString, failing.Build(), Options).StatusAsync();
        status.Count(m => m.State == MigrationState.Applied).ShouldBe(2);
        status.Single(m => m.Version == "0003").State.ShouldBe(MigrationState.Pending);
    }

    private string Scalar(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }
}
