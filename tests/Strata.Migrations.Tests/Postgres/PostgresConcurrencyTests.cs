using Strata.Migrations.Engine;
using Strata.Migrations.Postgres;
using Strata.Migrations.Tests.Support;
using Strata.Tests.Shared;

namespace Strata.Migrations.Tests.Postgres;

[Collection(PostgresServer.Collection)]
public sealed class PostgresConcurrencyTests(PostgresServer server)
{
    [PostgresFact]
    public async Task Sixteen_concurrent_appliers_apply_each_migration_exactly_once_and_none_fails()
    {
        var db = new PgTestDatabase(server);
        var builder = new PostgresScript();
        for (var i = 1; i <= 8; i++)
        {
            // Applied twice would fail on CREATE TABLE, or double the rows.
            builder.Add($"{i:0000}", $"table {i}", $"CREATE TABLE t{i} (id bigint PRIMARY KEY);\nINSERT INTO t{i} (id) VALUES (1);\nINSERT INTO t{i} (id) SELECT id + 1 FROM t{i};");
        }

        builder.Add("0009", "index concurrently", $"CREATE INDEX CONCURRENTLY ix_t1 ON t1 (id);", transactional: false);
        var script = builder.Build();
        using var start = new ManualResetEventSlim();
        var appliers = Enumerable.Range(0, 16).Select(n => Task.Run(async () =>
        {
            start.Wait();
            return await PostgresMigrator.Create(db.ConnectionString, script, new MigrationOptions { AppliedBy = $"applier{n}" }).ApplyAsync();
        })).ToList();

        start.Set();
        var results = await Task.WhenAll(appliers);

        results.SelectMany(r => r.Applied).Select(a => a.Version).Order(StringComparer.Ordinal).ShouldBe(script.Migrations.Select(m => m.Version));
        results.ShouldAllBe(r => r.Applied.Count + r.AlreadyApplied == 9);
        db.Query("SELECT count(*) FROM strata_schema_history").ShouldBe(["9"]);
        for (var i = 1; i <= 8; i++)
        {
            db.Query($"SELECT count(*) FROM t{i}").ShouldBe(["2"]);
        }

        db.Query("SELECT count(DISTINCT applied_by) >= 1 FROM strata_schema_history").ShouldBe(["True"]);
        db.AdvisoryLocks().ShouldBeEmpty();
    }
}
