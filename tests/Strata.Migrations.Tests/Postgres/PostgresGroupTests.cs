using System.Globalization;
using Npgsql;
using Strata.Migrations.Errors;
using Strata.Migrations.Postgres;
using Strata.Migrations.Tests.Support;
using Strata.Tests.Shared;

namespace Strata.Migrations.Tests.Postgres;

/// <summary>
/// Consecutive transactional migrations go out as one pipelined batch, each in a transaction of its own: a failure
/// rolls back only the migration it is in; those before it in the batch stay committed, those after it do not run.
/// </summary>
[Collection(PostgresServer.Collection)]
public sealed class PostgresGroupTests(PostgresServer server)
{
    [PostgresTheory]
    [InlineData("")]
    [InlineData(";Include Failed Batched Command=true")]
    public async Task A_failure_in_migration_3_of_5_keeps_1_and_2_rolls_back_3_and_does_not_run_4_and_5(string settings)
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "one", "CREATE TABLE one (id int);\nINSERT INTO one VALUES (1);")
            .Add("0002", "two", "CREATE TABLE two (id int);\nSELECT id FROM one;")
            .Add("0003", "three", "CREATE TABLE three (id int);\nINSERT INTO three VALUES (3);\n\nINSERT INTO three\n  SELECT nope FROM one;\nCREATE TABLE three_after (id int);")
            .Add("0004", "four", "CREATE TABLE four (id int);")
            .Add("0005", "five", "CREATE TABLE five (id int);");
        var lines = new List<string>();

        var ex = await Should.ThrowAsync<MigrationException>(() =>
            PostgresMigrator.Create(db.ConnectionString + settings, script.Build(), new() { Progress = lines.Add }).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Version.ShouldBe("0003");
        ex.SourceFile.ShouldBe("db/main/migrations/0003_three.sql");
        ex.Line.ShouldBe(5, ex.Message);
        ex.Message.ShouldContain("42703: column \"nope\" does not exist, in statement 'INSERT INTO three SELECT nope FROM one;'");
        ex.Message.ShouldContain("The database is as it was before 0003; 0001, 0002, applied earlier in this run, stay applied.");
        db.Tables().Where(t => t.EndsWith(":r", StringComparison.Ordinal)).ShouldBe(["one:r", "strata_schema_history:r", "two:r"]);
        db.History().Select(h => h.Split(' ')[0]).ShouldBe(["1", "2"]);
        db.AdvisoryLocks().ShouldBeEmpty();
        lines.Where(l => l.StartsWith("Applied ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ShouldBe(["0001", "0002"]);
        lines.ShouldContain(l => l.StartsWith("Applying 0003 three", StringComparison.Ordinal));

        // Fixed, the next run applies 3, 4 and 5 on top of what stayed.
        var fixedScript = new PostgresScript()
            .Add("0001", "one", "CREATE TABLE one (id int);\nINSERT INTO one VALUES (1);")
            .Add("0002", "two", "CREATE TABLE two (id int);\nSELECT id FROM one;");
        fixedScript.Add("0003", "three fixed", "CREATE TABLE three (id int);").Add("0004", "four", "CREATE TABLE four (id int);").Add("0005", "five", "CREATE TABLE five (id int);");
        var result = await PostgresMigrator.Create(db.ConnectionString, fixedScript.Build()).ApplyAsync();
        result.Applied.Select(a => a.Version).ShouldBe(["0003", "0004", "0005"]);
        result.AlreadyApplied.ShouldBe(2);
    }

    [PostgresFact]
    public async Task A_deferred_constraint_failing_at_the_COMMIT_of_a_middle_migration_rolls_back_only_that_one()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "tables", "CREATE TABLE parent (id int PRIMARY KEY);\nCREATE TABLE child (parent_id int REFERENCES parent DEFERRABLE INITIALLY DEFERRED);")
            .Add("0002", "orphan", "CREATE TABLE marker (id int);\nINSERT INTO child VALUES (42);")
            .Add("0003", "later", "CREATE TABLE later (id int);");

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Version.ShouldBe("0002");
        ex.Line.ShouldBeNull();
        ex.Message.ShouldContain("COMMIT failed: 23503");
        ex.Message.ShouldContain("0001, applied earlier in this run, stays applied.");
        db.Tables().ShouldNotContain("marker:r");
        db.Tables().ShouldNotContain("later:r");
        db.Tables().ShouldContain("child:r");
        db.Query("SELECT count(*) FROM child").ShouldBe(["0"]);
        db.History().Select(h => h.Split(' ')[0]).ShouldBe(["1"]);
        db.AdvisoryLocks().ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task Transaction_control_in_a_middle_migration_is_refused_after_the_ones_before_it_are_applied()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "one", "CREATE TABLE one (id int);")
            .Add("0002", "sneaky commit", "CREATE TABLE two (id int);\nCOMMIT;")
            .Add("0003", "three", "CREATE TABLE three (id int);");

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Version.ShouldBe("0002");
        ex.Line.ShouldBe(2);
        ex.Message.ShouldContain("'COMMIT' is not allowed in a migration");
        db.Tables().Where(t => t.EndsWith(":r", StringComparison.Ordinal)).ShouldBe(["one:r", "strata_schema_history:r"]);
        db.History().Select(h => h.Split(' ')[0]).ShouldBe(["1"]);
    }

    [PostgresFact]
    public async Task A_transaction_none_migration_splits_the_group_and_every_migration_has_its_own_transaction_and_duration()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "table", "CREATE TABLE t (id int, name text);\nSELECT pg_sleep(0.2);")
            .Add("0002", "rows", "INSERT INTO t VALUES (1, 'a');")
            .Add("0003", "index", "CREATE INDEX CONCURRENTLY ix_t_name ON t (name);", transactional: false)
            .Add("0004", "more", "INSERT INTO t VALUES (2, 'b');");

        var result = await PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync();

        result.Applied.Select(a => a.Version).ShouldBe(["0001", "0002", "0003", "0004"]);
        result.Applied[0].Duration.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200));
        db.Tables().ShouldContain("ix_t_name:i");
        db.Query("SELECT (duration_ms >= 200)::text FROM strata_schema_history WHERE version = '1'").ShouldBe(["true"]);

        // One transaction per migration: each history row has its own transaction start (applied_at is now()).
        db.Query("SELECT count(DISTINCT applied_at)::text FROM strata_schema_history").ShouldBe(["4"]);
        db.Query("SELECT count(DISTINCT xmin::text)::text FROM strata_schema_history").ShouldBe(["4"]);
    }

    [PostgresFact]
    public async Task Cancelling_between_groups_keeps_the_committed_group_and_runs_no_more()
    {
        var db = new PgTestDatabase(server);
        var count = PostgresMigrationGroup.MaxMigrations + 6;
        var script = new PostgresScript();
        for (var i = 1; i <= count; i++)
        {
            script.Add(i.ToString("0000", CultureInfo.InvariantCulture), $"t{i}", $"CREATE TABLE t{i} (id int);");
        }

        using var cancel = new CancellationTokenSource();
        var lines = new List<string>();
        var run = PostgresMigrator.Create(db.ConnectionString, script.Build(), new()
        {
            Progress = l =>
            {
                lines.Add(l);
                if (l.StartsWith("Applied 0001 ", StringComparison.Ordinal))
                {
                    cancel.Cancel(); // the first group has returned: cancelled before the next one goes out
                }
            },
        }).ApplyAsync(cancel.Token);

        await Should.ThrowAsync<OperationCanceledException>(() => run);
        db.History().Count.ShouldBe(PostgresMigrationGroup.MaxMigrations);
        lines.Count(l => l.StartsWith("Applied ", StringComparison.Ordinal)).ShouldBe(PostgresMigrationGroup.MaxMigrations);
        db.Tables().ShouldContain($"t{PostgresMigrationGroup.MaxMigrations}:r");
        db.Tables().ShouldNotContain($"t{PostgresMigrationGroup.MaxMigrations + 1}:r");
        db.AdvisoryLocks().ShouldBeEmpty();

        var result = await PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync();
        result.Applied.Count.ShouldBe(6);
        db.History().Count.ShouldBe(count);
    }

    [PostgresFact]
    public async Task A_failure_leaves_a_caller_pooled_connection_outside_any_transaction()
    {
        var db = new PgTestDatabase(server);
        await using var dataSource = NpgsqlDataSource.Create(db.ConnectionString + ";Maximum Pool Size=2");
        var script = new PostgresScript()
            .Add("0001", "one", "CREATE TABLE one (id int);")
            .Add("0002", "bad", "CREATE TABLE two (id int);\nSELECT 1/0;")
            .Add("0003", "three", "CREATE TABLE three (id int);");

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(dataSource, script.Build()).ApplyAsync());

        ex.Line.ShouldBe(2);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('statement_timeout') || ' ' || (SELECT count(*) FROM one) || ' ' || (to_regclass('two') IS NULL)", connection);
        (await command.ExecuteScalarAsync()).ShouldBe("0 0 true");
    }
}
