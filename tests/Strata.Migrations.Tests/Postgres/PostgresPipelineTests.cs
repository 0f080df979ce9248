using Npgsql;
using Strata.Migrations.Errors;
using Strata.Migrations.Postgres;
using Strata.Migrations.Tests.Support;
using Strata.Tests.Shared;

namespace Strata.Migrations.Tests.Postgres;

/// <summary>
/// A transactional migration goes to the server as one pipelined batch (its statements, the history INSERT, COMMIT):
/// the failing command is still named exactly, and a failure anywhere in it leaves the database as it was.
/// </summary>
[Collection(PostgresServer.Collection)]
public sealed class PostgresPipelineTests(PostgresServer server)
{
    [PostgresTheory]
    [InlineData("")] // Npgsql 10 leaves PostgresException.BatchCommand null: the failing command is found from the others' results
    [InlineData(";Include Failed Batched Command=true")] // the caller's data source asks Npgsql to name it
    public async Task A_failing_statement_in_the_batch_is_located_through_a_caller_data_source_either_way(string settings)
    {
        var db = new PgTestDatabase(server);
        await using var dataSource = NpgsqlDataSource.Create(db.ConnectionString + settings + ";Maximum Pool Size=2");
        var script = new PostgresScript()
            .Add("0001", "create todos", PostgresMigratorTests.CreateTodos)
            .Add("0002", "tags", "CREATE TABLE tags (id bigint PRIMARY KEY);\nINSERT INTO tags VALUES (1);\nSELECT id FROM tags;\nINSERT INTO tags\n  SELECT id, titel FROM todos;\nCREATE TABLE after_the_error (id bigint);");

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(dataSource, script.Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Line.ShouldBe(5, ex.Message);
        ex.Message.ShouldContain("42703: column \"titel\" does not exist, in statement 'INSERT INTO tags SELECT id, titel FROM todos;'");
        db.Tables().ShouldNotContain("tags:r");
        db.History().Select(h => h.Split(' ')[0]).ShouldBe(["1"]);

        // The pooled connection came back usable: no transaction left open, no session settings left behind.
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('statement_timeout') || ' ' || (SELECT count(*) FROM todos)", connection);
        (await command.ExecuteScalarAsync()).ShouldBe("0 0");
    }

    [PostgresFact]
    public async Task The_history_primary_key_still_refuses_to_record_a_migration_twice()
    {
        // The history is read once, under the run's lock; were a row to appear behind it anyway, the INSERT in the
        // migration's own transaction fails, and the migration's statements are rolled back with it.
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "sneaky", "CREATE TABLE first (id int);\nINSERT INTO strata_schema_history (version, description, checksum) VALUES ('2', 'sneaky', 'x');")
            .Add("0002", "second", "CREATE TABLE second (id int);");

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Version.ShouldBe("0002");
        ex.Line.ShouldBeNull();
        ex.Message.ShouldContain("Recording it in strata_schema_history failed: 23505");
        ex.Message.ShouldContain("The database is as it was before 0002");
        db.Tables().ShouldContain("first:r");
        db.Tables().ShouldNotContain("second:r");
        db.Query("SELECT version || ' ' || checksum FROM strata_schema_history ORDER BY version").Count.ShouldBe(2); // 0001's row and the sneaky one
    }

    [PostgresFact]
    public async Task A_deferred_constraint_failing_at_COMMIT_is_STRATA5002_and_rolled_back()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "tables", "CREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);")
            .Add("0002", "orphan", "CREATE TABLE marker (id int);\nINSERT INTO child VALUES (42);");

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Version.ShouldBe("0002");
        ex.Line.ShouldBeNull();
        ex.Message.ShouldContain("COMMIT failed: 23503");
        db.Tables().ShouldNotContain("marker:r");
        db.Query("SELECT count(*) FROM child").ShouldBe(["0"]);
        db.History().Select(h => h.Split(' ')[0]).ShouldBe(["1"]);
        db.AdvisoryLocks().ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task Duration_is_the_body_time_and_a_body_of_comments_only_is_recorded()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "slow", "CREATE TABLE slow (id int);\nSELECT pg_sleep(0.3);")
            .Add("0002", "nothing", "-- reserved: nothing to do yet");

        var result = await PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync();

        result.Applied.Select(a => a.Version).ShouldBe(["0001", "0002"]);
        result.Applied[0].Duration.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300));
        db.Query("SELECT (duration_ms BETWEEN 300 AND 10000)::text FROM strata_schema_history WHERE version = '1'").ShouldBe(["true"]);
        db.History().Count.ShouldBe(2);
    }

    [PostgresFact]
    public async Task Cancelling_in_the_middle_of_a_migration_rolls_it_back_and_releases_the_lock()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "first", "CREATE TABLE first (id int);")
            .Add("0002", "slow", "CREATE TABLE half_done (id int);\nSELECT pg_sleep(30);");
        using var cancel = new CancellationTokenSource();
        var lines = new List<string>();
        var run = PostgresMigrator.Create(db.ConnectionString, script.Build(), new() { Progress = l => { lock (lines) { lines.Add(l); } } }).ApplyAsync(cancel.Token);
        await WaitUntil(() => db.Query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'")[0] == "1");

        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        db.Tables().ShouldContain("first:r");
        db.Tables().ShouldNotContain("half_done:r");
        db.History().Select(h => h.Split(' ')[0]).ShouldBe(["1"]);
        db.AdvisoryLocks().ShouldBeEmpty();
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the condition never came true");
            await Task.Delay(50);
        }
    }
}
