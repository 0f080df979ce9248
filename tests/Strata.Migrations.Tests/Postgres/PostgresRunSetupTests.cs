using Strata.Migrations.Errors;
using Strata.Migrations.Postgres;
using Strata.Migrations.Tests.Support;
using Strata.Tests.Shared;

namespace Strata.Migrations.Tests.Postgres;

/// <summary>
/// A run's set-up on a real server: the prologue and the history read share one batch, and the data source a run
/// creates for itself (no type loading, automatic preparation) follows the caller's connection string where it speaks.
/// </summary>
[Collection(PostgresServer.Collection)]
public sealed class PostgresRunSetupTests(PostgresServer server)
{
    [PostgresFact]
    public async Task A_failing_prologue_statement_is_reported_at_its_line_and_the_prologue_rolls_back()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript
        {
            Prologue = "CREATE TABLE early (id int);\nCREATE TABLE IF NOT EXISTS strata_schema_history (\n    version text PRIMARY KEY,\n    oops nosuchtype\n);",
        }.Add("0001", "create todos", PostgresMigratorTests.CreateTodos).Build();

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(db.ConnectionString, script).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.SourceFile.ShouldBe(script.Name);
        ex.Line.ShouldBe(script.PrologueLine + 3, ex.Message); // the line of nosuchtype, where the server's position points
        ex.Message.ShouldContain("The prologue of migration script");
        ex.Message.ShouldContain("42704: type \"nosuchtype\" does not exist");
        db.Tables().ShouldBeEmpty(); // "early" went with the prologue's transaction
        db.AdvisoryLocks().ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task A_prologue_that_makes_no_history_table_is_a_malformed_script_and_nothing_is_applied()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript { Prologue = "CREATE TABLE not_the_history (id int);" }
            .Add("0001", "create todos", PostgresMigratorTests.CreateTodos).Build();

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(db.ConnectionString, script).ApplyAsync());

        ex.Code.ShouldBe(MigrationErrors.MalformedScript.Code);
        ex.Message.ShouldContain("did not create the history table");
        db.Tables().ShouldBe(["not_the_history:r"]);
    }

    [PostgresFact]
    public async Task Bodies_may_return_values_of_any_type_although_the_run_loads_no_types()
    {
        var db = new PgTestDatabase(server);
        var body = """
            CREATE TYPE mood AS ENUM ('ok', 'sad');
            CREATE TABLE moods (id int PRIMARY KEY, m mood NOT NULL, tags text[], doc jsonb);
            INSERT INTO moods VALUES (1, 'ok', ARRAY['a'], '{"k": 1}');
            SELECT m, tags, doc, ROW(id, m), int4range(1, 3), '10.0.0.1'::inet, 'a b'::tsvector, '(1,2)'::point, NULL::mood[] FROM moods;
            """;

        var result = await PostgresMigrator.Create(db.ConnectionString, new PostgresScript().Add("0001", "moods", body).Build()).ApplyAsync();

        result.Applied.Count.ShouldBe(1);
        db.Query("SELECT m::text || '|' || doc::text FROM moods").ShouldBe(["ok|{\"k\": 1}"]);
    }

    [PostgresTheory]
    [InlineData("", true)]
    [InlineData(";Max Auto Prepare=0", false)]
    [InlineData(";MaxAutoPrepare=0", false)]
    public async Task The_statements_every_migration_repeats_are_prepared_unless_the_connection_string_says_otherwise(string setting, bool prepared)
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript();
        for (var i = 1; i <= 9; i++)
        {
            script.Add($"{i:0000}", $"table {i}", $"CREATE TABLE t{i} (id int);");
        }

        // The tenth migration records what its own session has prepared by then (BEGIN, COMMIT and the history INSERT
        // have run nine times each: more than Npgsql's five uses before it prepares a statement).
        script.Add("0010", "seen", "CREATE TABLE seen AS SELECT statement FROM pg_prepared_statements WHERE NOT from_sql;");

        await PostgresMigrator.Create(db.ConnectionString + setting, script.Build()).ApplyAsync();

        var seen = db.Query("SELECT statement FROM seen ORDER BY 1");
        if (prepared)
        {
            seen.ShouldContain("BEGIN");
            seen.ShouldContain(s => s.StartsWith("INSERT INTO strata_schema_history", StringComparison.Ordinal));
            seen.ShouldAllBe(s => s == "BEGIN" || s == "COMMIT" || s.StartsWith("INSERT INTO strata_schema_history", StringComparison.Ordinal));
        }
        else
        {
            seen.ShouldBeEmpty();
        }

        db.History().Count.ShouldBe(10);
    }

    [PostgresTheory]
    [InlineData("DISCARD ALL;", false)]
    [InlineData("DEALLOCATE ALL;", false)]
    [InlineData("DEALLOCATE PREPARE ALL;", true)]
    public async Task A_migration_that_drops_the_sessions_prepared_statements_does_not_break_the_ones_after_it(string statement, bool transactional)
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript();
        for (var i = 1; i <= 8; i++)
        {
            script.Add($"{i:0000}", $"table {i}", $"CREATE TABLE t{i} (id int);");
        }

        script.Add("0009", "reset", statement, transactional);
        for (var i = 10; i <= 18; i++)
        {
            script.Add($"{i:0000}", $"table {i}", $"CREATE TABLE t{i} (id int);");
        }

        var result = await PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync();

        result.Applied.Count.ShouldBe(18);
        db.History().Count.ShouldBe(18);
    }

    [PostgresFact]
    public async Task One_migrator_runs_several_operations_at_once_each_with_a_data_source_of_its_own()
    {
        var db = new PgTestDatabase(server);
        var migrator = PostgresMigrator.Create(db.ConnectionString, PostgresMigratorTests.Three().Build());

        var results = await Task.WhenAll(migrator.ApplyAsync(), migrator.ApplyAsync(), migrator.ApplyAsync());
        var status = await migrator.StatusAsync();

        results.Sum(r => r.Applied.Count).ShouldBe(3); // the lock serialises them: one applies, the others find it done
        status.ShouldAllBe(s => s.State == Strata.Migrations.Engine.MigrationState.Applied);
        db.History().Count.ShouldBe(3);
    }
}
