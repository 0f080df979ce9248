using Npgsql;
using Strata.Migrations.Engine;
using Strata.Migrations.Errors;
using Strata.Migrations.Postgres;
using Strata.Migrations.Tests.Support;
using Strata.Tests.Shared;

namespace Strata.Migrations.Tests.Postgres;

[Collection(PostgresServer.Collection)]
public sealed class PostgresMigratorTests(PostgresServer server)
{
    public const string CreateTodos = """
        -- todos: the first table
        CREATE TABLE todos (
            id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            title text NOT NULL
        );
        """;

    public const string AddDue = "ALTER TABLE todos ADD COLUMN due timestamptz;";

    public const string CreateTags = """
        CREATE TABLE tags (id bigint PRIMARY KEY, name text NOT NULL UNIQUE);
        CREATE INDEX ix_tags_name ON tags (name);
        CREATE FUNCTION tag_count() RETURNS bigint LANGUAGE plpgsql AS $$
        BEGIN
            RETURN (SELECT count(*) FROM tags); -- a ; inside a dollar quote
        END $$;
        """;

    public static PostgresScript Three() => new PostgresScript()
        .Add("0001", "create todos", CreateTodos)
        .Add("0002", "add due", AddDue)
        .Add("0003", "create tags", CreateTags);

    [PostgresFact]
    public async Task Applies_every_migration_to_an_empty_database_and_records_it()
    {
        var db = new PgTestDatabase(server);
        var lines = new List<string>();

        var result = await PostgresMigrator.Create(db.ConnectionString, Three().Build(), new MigrationOptions { Progress = lines.Add }).ApplyAsync();

        result.Applied.Select(a => a.Version).ShouldBe(["0001", "0002", "0003"]);
        result.AlreadyApplied.ShouldBe(0);
        db.Tables().ShouldBe(["ix_tags_name:i", "strata_schema_history:r", "strata_schema_history_pkey:i", "tags:r", "tags_name_key:i", "tags_pkey:i", "todos:r", "todos_id_seq:S", "todos_pkey:i"]);
        db.Query("SELECT tag_count()").ShouldBe(["0"]);
        db.Query("SELECT version || '|' || description || '|' || applied_by || '|' || (duration_ms >= 0) FROM strata_schema_history ORDER BY version")
            .ShouldBe(["1|create todos|postgres|true", "2|add due|postgres|true", "3|create tags|postgres|true"]);
        db.AdvisoryLocks().ShouldBeEmpty();
        lines.ShouldContain(l => l.StartsWith("Applied 0003 create tags", StringComparison.Ordinal));
    }

    [PostgresFact]
    public async Task Reapplying_is_a_no_op_and_applied_by_comes_from_the_options()
    {
        var db = new PgTestDatabase(server);
        await PostgresMigrator.Create(db.ConnectionString, Three().Build(), new MigrationOptions { AppliedBy = "deployer" }).ApplyAsync();
        var dump = db.SchemaDump();
        var history = db.Query("SELECT version || ' ' || applied_at FROM strata_schema_history ORDER BY version");

        var again = await PostgresMigrator.Create(db.ConnectionString, Three().Build()).ApplyAsync();

        again.Applied.ShouldBeEmpty();
        again.AlreadyApplied.ShouldBe(3);
        db.SchemaDump().ShouldBe(dump);
        db.Query("SELECT version || ' ' || applied_at FROM strata_schema_history ORDER BY version").ShouldBe(history);
        db.Query("SELECT DISTINCT applied_by FROM strata_schema_history").ShouldBe(["deployer"]);
    }

    [PostgresFact]
    public async Task Status_lists_pending_then_applied_and_never_creates_anything()
    {
        var db = new PgTestDatabase(server);
        var two = new PostgresScript().Add("0001", "create todos", CreateTodos).Add("0002", "add due", AddDue).Build();

        var before = await PostgresMigrator.Create(db.ConnectionString, Three().Build()).StatusAsync();
        await PostgresMigrator.Create(db.ConnectionString, two).ApplyAsync();
        var after = await PostgresMigrator.Create(db.ConnectionString, Three().Build()).StatusAsync();

        before.Select(s => s.State).ShouldBe([MigrationState.Pending, MigrationState.Pending, MigrationState.Pending]);
        after.Select(s => (s.Version, s.State)).ShouldBe([("0001", MigrationState.Applied), ("0002", MigrationState.Applied), ("0003", MigrationState.Pending)]);
        after[0].AppliedAt.ShouldNotBeNull().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));

        var missing = server.ConnectionString("no_such_database_" + Guid.NewGuid().ToString("N"));
        var none = await PostgresMigrator.Create(missing, Three().Build()).StatusAsync();
        none.ShouldAllBe(s => s.State == MigrationState.Pending);
    }

    [PostgresFact]
    public async Task An_edited_applied_migration_is_STRATA5001_and_nothing_is_applied()
    {
        var db = new PgTestDatabase(server);
        await PostgresMigrator.Create(db.ConnectionString, new PostgresScript().Add("0001", "create todos", CreateTodos).Build()).ApplyAsync();
        var dump = db.SchemaDump();
        var edited = new PostgresScript()
            .Add("0001", "create todos", CreateTodos.Replace("the first table", "the first table, edited", StringComparison.Ordinal))
            .Add("0002", "add due", AddDue);

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(db.ConnectionString, edited.Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5001");
        ex.SourceFile.ShouldBe("db/main/migrations/0001_create_todos.sql");
        ex.Message.ShouldContain("Nothing was applied");
        db.SchemaDump().ShouldBe(dump);
        db.History().Count.ShouldBe(1);
        db.AdvisoryLocks().ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task A_failing_migration_is_STRATA5002_at_its_file_and_line_and_is_rolled_back()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "create todos", CreateTodos)
            .Add("0002", "tags", "-- tags, then a typo\nCREATE TABLE tags (id bigint PRIMARY KEY, name text NOT NULL);\nINSERT INTO tags (id, name)\nSELECT id, titel FROM todos;\nCREATE TABLE after_the_error (id bigint);")
            .Add("0003", "more", "CREATE TABLE more (id bigint);");

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.SourceFile.ShouldBe("db/main/migrations/0002_tags.sql");
        ex.Line.ShouldBe(4);
        ex.Version.ShouldBe("0002");
        ex.Message.ShouldStartWith("db/main/migrations/0002_tags.sql(4): error STRATA5002: Migration 0002 'tags' failed: 42703: column \"titel\" does not exist");
        ex.Message.ShouldContain("The database is as it was before 0002; 0001, applied earlier in this run, stays applied.");
        ex.InnerException.ShouldBeOfType<PostgresException>();
        db.Tables().ShouldContain("todos:r");
        db.Tables().ShouldNotContain("tags:r");
        db.Tables().ShouldNotContain("more:r");
        db.History().Select(h => h.Split(' ')[0]).ShouldBe(["1"]);
        db.AdvisoryLocks().ShouldBeEmpty();
    }

    [PostgresTheory]
    [InlineData("SELECT 1;\n\n  SELECT nope;", 3)] // the statement's own line
    [InlineData("SELECT 1;\nSELECT\n  '😀😀😀' AS x,\n  nope;", 4)] // positions count code points, not UTF-16 units
    [InlineData("CREATE TABLE a (id int);\nDO $$\nBEGIN\n  PERFORM 1;\n  PERFORM 1 / 0;\nEND $$;", 5)] // PL/pgSQL's line in a DO block
    [InlineData("/* a\n comment */ SELECT 1;\nSELECT 1 / 0;", 3)] // a runtime error has no position: the statement's line
    [InlineData("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1), (1);\nALTER TABLE a\n  ADD PRIMARY KEY (id);", 3)]
    [InlineData("CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nCREATE TABL c (id int);\nCREATE TABLE d (id int);", 3)] // a syntax error mid-batch
    [InlineData("CREATE TABLE a (id int);\nSELECT generate_series(1, 5000);\nSELECT x FROM a;", 3)] // after a statement that returned rows
    [InlineData("SELEC 1;\nCREATE TABLE a (id int);", 1)] // the very first statement
    public async Task Error_lines_map_to_the_migration_file(string body, int line)
    {
        var db = new PgTestDatabase(server);

        var ex = await Should.ThrowAsync<MigrationException>(() =>
            PostgresMigrator.Create(db.ConnectionString, new PostgresScript().Add("0001", "bad", body).Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Line.ShouldBe(line, ex.Message);
        db.Tables().ShouldNotContain("a:r");
    }

    [PostgresFact]
    public async Task Transaction_control_in_a_body_is_refused_before_anything_runs()
    {
        var db = new PgTestDatabase(server);

        var ex = await Should.ThrowAsync<MigrationException>(() =>
            PostgresMigrator.Create(db.ConnectionString, new PostgresScript().Add("0001", "commits", "CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);").Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Line.ShouldBe(2);
        ex.Message.ShouldContain("'COMMIT' is not allowed in a migration");
        db.Tables().ShouldNotContain("a:r");
    }

    [PostgresFact]
    public async Task Transaction_none_runs_create_index_concurrently()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "create todos", CreateTodos)
            .Add("0002", "index titles", "-- [strata] no-transaction\nCREATE INDEX CONCURRENTLY ix_todos_title ON todos (title);\nCREATE INDEX CONCURRENTLY ix_todos_id_title ON todos (id, title);", transactional: false)
            .Add("0003", "add due", AddDue);

        var result = await PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync();

        result.Applied.Count.ShouldBe(3);
        db.Query("SELECT indexrelid::regclass::text || ' ' || indisvalid FROM pg_index WHERE indrelid = 'todos'::regclass ORDER BY 1")
            .ShouldBe(["ix_todos_id_title true", "ix_todos_title true", "todos_pkey true"]);
        db.History().Count.ShouldBe(3);
    }

    [PostgresFact]
    public async Task A_failing_transaction_none_migration_says_it_may_be_partially_applied()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "create todos", CreateTodos)
            .Add("0002", "index", "CREATE INDEX CONCURRENTLY ix_todos_title ON todos (title);\nCREATE INDEX CONCURRENTLY ix_bad ON todos (no_such_column);", transactional: false);

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.SourceFile.ShouldBe("db/main/migrations/0002_index.sql");
        ex.Line.ShouldBe(2);
        ex.Message.ShouldContain("It is not transactional (transaction=none), so it was not rolled back: the statements before line 2 were committed and it may be partially applied");
        db.Tables().ShouldContain("ix_todos_title:i");
        db.History().Count.ShouldBe(1);
        db.AdvisoryLocks().ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task Script_timeouts_are_set_on_the_migration_session_with_defaults_when_absent()
    {
        var db = new PgTestDatabase(server);
        const string Probe = "CREATE TABLE probe_{0} AS SELECT current_setting('lock_timeout') AS lt, current_setting('statement_timeout') AS st;";
        await PostgresMigrator.Create(db.ConnectionString, new PostgresScript { LockTimeout = "3s", StatementTimeout = "2min" }.Add("0001", "probe", string.Format(null, Probe, 1)).Build()).ApplyAsync();
        await PostgresMigrator.Create(db.ConnectionString, new PostgresScript { LockTimeout = null, StatementTimeout = null }.Add("0001", "probe", string.Format(null, Probe, 1)).Add("0002", "probe", string.Format(null, Probe, 2)).Build()).ApplyAsync();

        db.Query("SELECT lt || ' ' || st FROM probe_1").ShouldBe(["3s 2min"]);
        db.Query("SELECT lt || ' ' || st FROM probe_2").ShouldBe(["10s 15min"]);
    }

    [PostgresFact]
    public async Task Statement_timeout_from_the_script_stops_a_long_statement()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript { StatementTimeout = "300ms" }.Add("0001", "slow", "CREATE TABLE slow (id int);\nSELECT pg_sleep(5);");

        var ex = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(db.ConnectionString, script.Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5002");
        ex.Line.ShouldBe(2);
        ex.Message.ShouldContain("57014");
        ex.Message.ShouldContain("statement_timeout (300ms)");
        db.Tables().ShouldNotContain("slow:r");
    }

    [PostgresFact]
    public async Task A_held_lock_times_out_as_STRATA5006_naming_the_holder()
    {
        var db = new PgTestDatabase(server);
        await using var holder = new NpgsqlConnection(db.ConnectionString + ";Pooling=false;Application Name=other-replica");
        await holder.OpenAsync();
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Strata.Migrations.Script.MigrationLockKey.For("main")})", holder))
        {
            await command.ExecuteNonQueryAsync();
        }

        var lines = new List<string>();
        var ex = await Should.ThrowAsync<MigrationException>(() =>
            PostgresMigrator.Create(db.ConnectionString, Three().Build(), new MigrationOptions { LockTimeout = TimeSpan.FromMilliseconds(600), Progress = lines.Add }).ApplyAsync());

        ex.Code.ShouldBe("STRATA5006");
        ex.Message.ShouldContain("application 'other-replica'");
        ex.Message.ShouldContain($"/{db.Name}'");
        lines.ShouldContain(l => l.StartsWith("Waiting for the migration lock of datastore 'main'", StringComparison.Ordinal));
        db.History().ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task Cancellation_stops_the_wait_for_the_lock()
    {
        var db = new PgTestDatabase(server);
        await using var holder = new NpgsqlConnection(db.ConnectionString + ";Pooling=false");
        await holder.OpenAsync();
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_lock({Strata.Migrations.Script.MigrationLockKey.For("main")})", holder))
        {
            await command.ExecuteNonQueryAsync();
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Should.ThrowAsync<OperationCanceledException>(() => PostgresMigrator.Create(db.ConnectionString, Three().Build()).ApplyAsync(cancel.Token));
    }

    [PostgresFact]
    public async Task Connection_failures_are_STRATA5006_and_never_show_the_password()
    {
        var db = new PgTestDatabase(server);
        var wrongPassword = db.ConnectionString.Replace(server.Password, "wrong-secret-123", StringComparison.Ordinal);
        var missingDatabase = server.ConnectionString("no_such_database");

        var auth = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(wrongPassword, Three().Build()).ApplyAsync());
        var missing = await Should.ThrowAsync<MigrationException>(() => PostgresMigrator.Create(missingDatabase, Three().Build()).ApplyAsync());

        auth.Code.ShouldBe("STRATA5006");
        auth.Message.ShouldContain("28P01");
        auth.Message.ShouldNotContain("wrong-secret-123");
        missing.Code.ShouldBe("STRATA5006");
        missing.Message.ShouldContain("The database does not exist");
        missing.Message.ShouldNotContain(server.Password);
    }

    [PostgresFact]
    public async Task A_caller_data_source_works_and_gets_its_connections_back_clean()
    {
        var db = new PgTestDatabase(server);
        await using var dataSource = NpgsqlDataSource.Create(db.ConnectionString + ";Maximum Pool Size=2");

        var result = await PostgresMigrator.Create(dataSource, Three().Build()).ApplyAsync();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('statement_timeout')", connection);

        result.Applied.Count.ShouldBe(3);
        (await command.ExecuteScalarAsync()).ShouldBe("0");
        db.AdvisoryLocks().ShouldBeEmpty();
        Should.Throw<ArgumentException>(() => PostgresMigrator.Create(NpgsqlDataSource.Create(db.ConnectionString + ";Maximum Pool Size=1"), Three().Build()));
    }

    [PostgresFact]
    public async Task The_lock_key_is_the_first_eight_bytes_of_sha256_as_the_server_computes_them()
    {
        var db = new PgTestDatabase(server);

        var serverKey = db.Query("SELECT ('x' || left(encode(sha256('strata:main'::bytea), 'hex'), 16))::bit(64)::bigint");

        serverKey.ShouldBe([Strata.Migrations.Script.MigrationLockKey.For("main").ToString(System.Globalization.CultureInfo.InvariantCulture)]);
    }
}
