using Strata.Migrations.Engine;
using Strata.Migrations.Sqlite;
using Strata.Migrations.Tests.Support;

namespace Strata.Migrations.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TempDatabase db = new("nested/folder/app.db");

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Sixteen_concurrent_appliers_apply_each_migration_exactly_once()
    {
        var builder = new ScriptBuilder();
        for (var i = 1; i <= 8; i++)
        {
            builder.Add($"{i:0000}", $"table {i}", $"CREATE TABLE t{i} (id INTEGER PRIMARY KEY);\nINSERT INTO t{i} (id) VALUES (1);\nINSERT INTO t{i} (id) SELECT id + 1 FROM t{i};");
        }

        var script = builder.Build();
        using var start = new ManualResetEventSlim();
        var appliers = Enumerable.Range(0, 16).Select(n => Task.Run(() =>
        {
            start.Wait();
            return SqliteMigrator.Create(db.ConnectionString, script, new MigrationOptions { AppliedBy = $"applier{n}" }).ApplyAsync();
        })).ToList();

        start.Set();
        var results = await Task.WhenAll(appliers);

        var applied = results.SelectMany(r => r.Applied).Select(a => a.Version).ToList();
        applied.Order(StringComparer.Ordinal).ShouldBe(script.Migrations.Select(m => m.Version));
        results.ShouldAllBe(r => r.Applied.Count + r.AlreadyApplied == 8);
        db.Query("SELECT count(*) FROM strata_schema_history")[0].ShouldBe("8");
        for (var i = 1; i <= 8; i++)
        {
            // Applied twice would have failed on CREATE TABLE, or doubled the rows.
            db.Query($"SELECT count(*) FROM t{i}")[0].ShouldBe("2");
        }
    }
}
