using Strata.Migrations.Engine;
using Strata.Migrations.Errors;
using Strata.Migrations.Sqlite;
using Strata.Migrations.Tests.Support;

namespace Strata.Migrations.Tests;

public sealed class SqliteMigratorTests : IDisposable
{
    private readonly TempDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Applies_every_migration_to_an_empty_database()
    {
        var progress = new List<string>();
        var migrator = SqliteMigrator.Create(db.ConnectionString, Scripts.Three().Build(), new MigrationOptions { Progress = progress.Add, AppliedBy = "tester" });

        var result = await migrator.ApplyAsync();

        result.Applied.Select(a => a.Version).ShouldBe(["0001", "0002", "0003"]);
        result.Applied[0].Source.ShouldBe("db/testdb/migrations/0001_create_todos.sql");
        result.AlreadyApplied.ShouldBe(0);
        result.Warnings.ShouldBeEmpty();
        result.Summary.ShouldStartWith("Datastore 'testdb': applied 3 migrations in ");
        db.Schema().ShouldContain(s => s.StartsWith("table todos:", StringComparison.Ordinal) && s.Contains("due TEXT", StringComparison.Ordinal));
        db.Schema().ShouldContain(s => s.StartsWith("index ix_tags_name:", StringComparison.Ordinal));
        db.Query("SELECT version || '|' || description || '|' || applied_by FROM strata_schema_history ORDER BY version")
            .ShouldBe(["1|create todos|tester", "2|add due|tester", "3|create tags|tester"]);
        progress.ShouldContain("Applying 0002 add due (db/testdb/migrations/0002_add_due.sql)");
        progress.ShouldContain(l => l.StartsWith("Applied 0003 create tags in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task History_rows_carry_iso_utc_time_and_duration()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await SqliteMigrator.Create(db.ConnectionString, Scripts.Three().Build()).ApplyAsync();

        var appliedAt = db.Query("SELECT applied_at FROM strata_schema_history WHERE version = '1'")[0];
        appliedAt.ShouldEndWith("Z");
        DateTimeOffset.Parse(appliedAt, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(before);
        db.Query("SELECT applied_by FROM strata_schema_history WHERE version = '1'")[0].ShouldBe(Environment.UserName);
        db.Query("SELECT min(duration_ms) >= 0 FROM strata_schema_history")[0].ShouldBe("1");
    }

    [Fact]
    public async Task Reapplying_is_a_no_op()
    {
        var script = Scripts.Three().Build();
        await SqliteMigrator.Create(db.ConnectionString, script).ApplyAsync();
        var schema = db.Schema();
        var history = db.Query("SELECT version || applied_at FROM strata_schema_history ORDER BY version");

        var again = await SqliteMigrator.Create(db.ConnectionString, script).ApplyAsync();

        again.Applied.ShouldBeEmpty();
        again.AlreadyApplied.ShouldBe(3);
        db.Schema().ShouldBe(schema);
        db.Query("SELECT version || applied_at FROM strata_schema_history ORDER BY version").ShouldBe(history);
    }

    [Fact]
    public async Task New_migrations_of_a_later_build_apply_on_top()
    {
        await SqliteMigrator.Create(db.ConnectionString, new ScriptBuilder().Add("0001", "create todos", Scripts.CreateTodos).Build()).ApplyAsync();

        var result = await SqliteMigrator.Create(db.ConnectionString, Scripts.Three().Build()).ApplyAsync();

        result.Applied.Select(a => a.Version).ShouldBe(["0002", "0003"]);
        result.AlreadyApplied.ShouldBe(1);
    }

    [Fact]
    public async Task Status_before_and_after()
    {
        var migrator = SqliteMigrator.Create(db.ConnectionString, Scripts.Three().Build());

        var before = await migrator.StatusAsync();
        File.Exists(db.Path).ShouldBeFalse("status must not create the database");
        before.Select(s => (s.Version, s.State)).ShouldBe([("0001", MigrationState.Pending), ("0002", MigrationState.Pending), ("0003", MigrationState.Pending)]);
        before.ShouldAllBe(s => s.AppliedAt == null);

        await migrator.ApplyAsync();
        var after = await migrator.StatusAsync();

        after.ShouldAllBe(s => s.State == MigrationState.Applied && s.AppliedAt != null);
        after[1].Description.ShouldBe("add due");
        after[1].Source.ShouldBe("db/testdb/migrations/0002_add_due.sql");
    }

    [Fact]
    public async Task Edited_applied_migration_is_STRATA5001_and_nothing_changes()
    {
        await SqliteMigrator.Create(db.ConnectionString, new ScriptBuilder()
            .Add("0001", "create todos", Scripts.CreateTodos)
            .Add("0002", "add due", Scripts.AddDue).Build()).ApplyAsync();
        var schema = db.Schema();
        var history = db.History();
        var edited = new ScriptBuilder()
            .Add("0001", "create todos", Scripts.CreateTodos)
            .Add("0002", "add due", "ALTER TABLE todos ADD COLUMN due_at TEXT;")
            .Add("0003", "create tags", Scripts.CreateTags).Build();
        var migrator = SqliteMigrator.Create(db.ConnectionString, edited);

        var ex = await Should.ThrowAsync<MigrationException>(() => migrator.ApplyAsync());

        ex.Code.ShouldBe("STRATA5001");
        ex.Version.ShouldBe("0002");
        ex.SourceFile.ShouldBe("db/testdb/migrations/0002_add_due.sql");
        ex.Message.ShouldStartWith("db/testdb/migrations/0002_add_due.sql: error STRATA5001: Migration 0002 'add due' was applied with checksum ");
        ex.Message.ShouldContain(history[1].Split(' ')[1]);
        ex.Message.ShouldContain(edited.Migrations[1].Checksum);
        ex.Message.ShouldContain("Nothing was applied");
        db.Schema().ShouldBe(schema);
        db.History().ShouldBe(history);

        var status = await migrator.StatusAsync();
        status.Select(s => s.State).ShouldBe([MigrationState.Applied, MigrationState.ChecksumMismatch, MigrationState.Pending]);
    }

    [Fact]
    public async Task Failing_migration_is_STRATA5002_at_its_source_line_and_rolled_back()
    {
        const string failing = """
            -- orders: the second migration
            CREATE TABLE orders (
                id      INTEGER PRIMARY KEY,
                todo_id INTEGER NOT NULL);
            -- the next statement fails
            /* a block comment
               over two lines */
            INSERT INTO no_such_table VALUES (1);
            CREATE TABLE never (id INTEGER);
            """;
        var script = new ScriptBuilder()
            .Add("0001", "create todos", Scripts.CreateTodos)
            .Add("0002", "create orders", failing)
            .Add("0003", "create tags", Scripts.CreateTags).Build();

        var ex = await Should.ThrowAsync<MigrationException>(() => SqliteMigrator.Create(db.ConnectionString, script).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.SourceFile.ShouldBe("db/testdb/migrations/0002_create_orders.sql");
        ex.Line.ShouldBe(8);
        ex.Version.ShouldBe("0002");
        ex.Message.ShouldBe(
            "db/testdb/migrations/0002_create_orders.sql(8): error STRATA5002: Migration 0002 'create orders' failed: " +
            "SQLite Error 1: 'no such table: no_such_table'. The database is as it was before 0002; 0001, applied earlier in this run, stays applied.");
        ex.InnerException.ShouldBeOfType<Microsoft.Data.Sqlite.SqliteException>();
        db.Schema().ShouldContain(s => s.StartsWith("table todos:", StringComparison.Ordinal));
        db.Schema().ShouldNotContain(s => s.Contains("orders", StringComparison.Ordinal) || s.Contains("never", StringComparison.Ordinal) || s.Contains("tags", StringComparison.Ordinal));
        db.History().Select(h => h.Split(' ')[0]).ShouldBe(["1"]);
    }

    [Fact]
    public async Task Syntax_error_is_reported_at_the_statement_line()
    {
        var script = new ScriptBuilder().Add("0001", "broken", "CREATE TABLE a (id INTEGER);\n\n  CREATE TABLE b (id INTEGER,);").Build();

        var ex = await Should.ThrowAsync<MigrationException>(() => SqliteMigrator.Create(db.ConnectionString, script).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Line.ShouldBe(3);
        ex.Message.ShouldContain("syntax error");
        ex.Message.ShouldEndWith("The database is as it was before 0001.");
        db.Schema().ShouldNotContain(s => s.StartsWith("table a:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trigger_with_begin_end_applies_and_fires()
    {
        const string trigger = """
            CREATE TABLE audit (todo_id INTEGER, action TEXT);
            CREATE TRIGGER todos_audit AFTER INSERT ON todos
            BEGIN
                INSERT INTO audit (todo_id, action) VALUES (new.id, 'insert');
                UPDATE audit SET action = upper(action) WHERE todo_id = new.id;
            END;
            INSERT INTO todos (id, title) VALUES (7, 'seed');
            """;
        var script = new ScriptBuilder().Add("0001", "create todos", Scripts.CreateTodos).Add("0002", "audit", trigger).Build();

        await SqliteMigrator.Create(db.ConnectionString, script).ApplyAsync();

        db.Query("SELECT todo_id || ' ' || action FROM audit").ShouldBe(["7 INSERT"]);
    }

    [Theory]
    [InlineData("BEGIN;\nCREATE TABLE x (id INTEGER);\nCOMMIT;", 1, "BEGIN")]
    [InlineData("CREATE TABLE x (id INTEGER);\n-- done\nCOMMIT;", 3, "COMMIT")]
    [InlineData("CREATE TABLE x (id INTEGER);\nEND TRANSACTION;", 2, "COMMIT")]
    [InlineData("CREATE TABLE x (id INTEGER);\nROLLBACK;", 2, "ROLLBACK")]
    public async Task Transaction_control_in_a_body_fails_clearly(string body, int line, string statement)
    {
        var script = new ScriptBuilder().Add("0001", "tx", body).Build();

        var ex = await Should.ThrowAsync<MigrationException>(() => SqliteMigrator.Create(db.ConnectionString, script).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Line.ShouldBe(line);
        ex.Message.ShouldContain($"'{statement}' is not allowed in a migration: each migration runs in its own transaction");
        db.Schema().ShouldNotContain(s => s.StartsWith("table x:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Savepoints_inside_a_body_are_allowed()
    {
        var script = new ScriptBuilder().Add("0001", "sp", "SAVEPOINT a;\nCREATE TABLE x (id INTEGER);\nRELEASE a;").Build();

        await SqliteMigrator.Create(db.ConnectionString, script).ApplyAsync();

        db.Schema().ShouldContain(s => s.StartsWith("table x:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_applied_migration_is_a_STRATA5005_warning()
    {
        await SqliteMigrator.Create(db.ConnectionString, Scripts.Three().Build()).ApplyAsync();
        var older = new ScriptBuilder().Add("0001", "create todos", Scripts.CreateTodos).Add("0002", "add due", Scripts.AddDue).Build();

        var result = await SqliteMigrator.Create(db.ConnectionString, older).ApplyAsync();
        var status = await SqliteMigrator.Create(db.ConnectionString, older).StatusAsync();

        result.Warnings.Count.ShouldBe(1);
        result.Warnings[0].Code.ShouldBe("STRATA5005");
        result.Warnings[0].Message.ShouldStartWith("warning STRATA5005: The database of datastore 'testdb' has 1 applied migration this build does not know: 3 'create tags'");
        status.Select(s => (s.Version, s.State, s.Source)).ShouldBe(
            [("0001", MigrationState.Applied, "db/testdb/migrations/0001_create_todos.sql"), ("0002", MigrationState.Applied, "db/testdb/migrations/0002_add_due.sql"), ("3", MigrationState.UnknownApplied, null)]);
    }

    [Fact]
    public async Task Unknown_applied_migration_fails_when_asked()
    {
        await SqliteMigrator.Create(db.ConnectionString, Scripts.Three().Build()).ApplyAsync();
        var older = new ScriptBuilder().Add("0001", "create todos", Scripts.CreateTodos).Add("0005", "later", "CREATE TABLE later (id INTEGER);").Build();

        var ex = await Should.ThrowAsync<MigrationException>(() =>
            SqliteMigrator.Create(db.ConnectionString, older, new MigrationOptions { FailOnUnknownApplied = true }).ApplyAsync());

        ex.Code.ShouldBe("STRATA5005");
        ex.Message.ShouldStartWith("error STRATA5005: ");
        db.Schema().ShouldNotContain(s => s.StartsWith("table later:", StringComparison.Ordinal));
    }

    [Fact]
    public void Script_of_another_engine_is_rejected()
    {
        var text = Scripts.Three().Text().Replace("engine=sqlite", "engine=postgres", StringComparison.Ordinal);

        Should.Throw<ArgumentException>(() => SqliteMigrator.Create(db.ConnectionString, Strata.Migrations.Script.MigrationScript.Parse(text, "s.sql")))
            .Message.ShouldContain("engine 'postgres'");
    }

    [Fact]
    public async Task Cancellation_before_a_migration_leaves_it_pending()
    {
        using var cts = new CancellationTokenSource();
        var options = new MigrationOptions { Progress = line => { if (line.StartsWith("Applied 0001", StringComparison.Ordinal)) { cts.Cancel(); } } };

        await Should.ThrowAsync<OperationCanceledException>(() =>
            SqliteMigrator.Create(db.ConnectionString, Scripts.Three().Build(), options).ApplyAsync(cts.Token));

        db.History().Select(h => h.Split(' ')[0]).ShouldBe(["1"]);
    }

    [Fact]
    public async Task Transaction_none_runs_what_cannot_run_in_a_transaction()
    {
        var inTransaction = new ScriptBuilder().Add("0001", "create todos", Scripts.CreateTodos).Add("0002", "vacuum", "VACUUM;");
        var outside = new ScriptBuilder().Add("0001", "create todos", Scripts.CreateTodos).Add("0002", "vacuum", "-- [strata] no-transaction\nVACUUM;", transactional: false);

        var refused = await Should.ThrowAsync<MigrationException>(() => SqliteMigrator.Create(db.ConnectionString, inTransaction.Build()).ApplyAsync());
        var result = await SqliteMigrator.Create(db.ConnectionString, outside.Build()).ApplyAsync();

        refused.Code.ShouldBe("STRATA5002");
        refused.Message.ShouldContain("cannot VACUUM from within a transaction");
        result.Applied.Select(a => a.Version).ShouldBe(["0002"]);
        db.History().Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_failing_transaction_none_migration_says_it_may_be_partially_applied()
    {
        var script = new ScriptBuilder().Add("0001", "two tables", "CREATE TABLE a (id INTEGER);\nCREATE TABLE a (id INTEGER);", transactional: false);

        var ex = await Should.ThrowAsync<MigrationException>(() => SqliteMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Line.ShouldBe(2);
        ex.Message.ShouldContain("It is not transactional (transaction=none), so it was not rolled back");
        db.Schema().ShouldContain(s => s.StartsWith("table a:", StringComparison.Ordinal));
        db.History().ShouldBeEmpty();
    }
}
