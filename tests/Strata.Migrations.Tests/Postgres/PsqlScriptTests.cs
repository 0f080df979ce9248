using System.Globalization;
using Strata.Migrations.Postgres;
using Strata.Migrations.Tests.Support;
using Strata.Tests.Shared;

namespace Strata.Migrations.Tests.Postgres;

/// <summary>The generator's PostgreSQL layout runs under <c>psql -f</c> too, and both appliers read each other's history.</summary>
[Collection(PostgresServer.Collection)]
public sealed class PsqlScriptTests(PostgresServer server)
{
    private static PostgresScript Script(int count)
    {
        var script = new PostgresScript();
        var migrations = new (string Description, string Body, bool Transactional)[]
        {
            ("create todos", PostgresMigratorTests.CreateTodos, true),
            ("add due", PostgresMigratorTests.AddDue, true),
            ("index titles", "CREATE INDEX CONCURRENTLY ix_todos_title ON todos (title);", false),
            ("create tags", PostgresMigratorTests.CreateTags, true),
        };
        for (var i = 0; i < count; i++)
        {
            script.Add((i + 1).ToString("0000", CultureInfo.InvariantCulture), migrations[i].Description, migrations[i].Body, migrations[i].Transactional);
        }

        return script;
    }

    [PostgresFact]
    public void Psql_applies_the_script_and_a_second_run_changes_nothing()
    {
        var db = new PgTestDatabase(server);

        RunPsql(db, Script(4)).ExitCode.ShouldBe(0);
        var dump = db.SchemaDump();
        var history = FullHistory(db);
        var second = RunPsql(db, Script(4));

        second.ExitCode.ShouldBe(0, second.Output);
        db.SchemaDump().ShouldBe(dump);
        FullHistory(db).ShouldBe(history);
        history.Count.ShouldBe(4);
        dump.ShouldContain("CREATE INDEX ix_todos_title ON public.todos USING btree (title);");
        db.AdvisoryLocks().ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task The_runtime_accepts_a_database_migrated_by_psql_and_applies_only_what_is_new()
    {
        var db = new PgTestDatabase(server);
        RunPsql(db, Script(2)).ExitCode.ShouldBe(0);
        var dump = db.SchemaDump();

        var same = await PostgresMigrator.Create(db.ConnectionString, Script(2).Build()).ApplyAsync();
        db.SchemaDump().ShouldBe(dump);
        var more = await PostgresMigrator.Create(db.ConnectionString, Script(4).Build()).ApplyAsync();

        same.Applied.ShouldBeEmpty();
        same.AlreadyApplied.ShouldBe(2);
        more.Applied.Select(a => a.Version).ShouldBe(["0003", "0004"]);
        db.History().ShouldBe(Script(4).Build().Migrations.Select(m => m.NormalizedVersion + " " + m.Checksum));
    }

    [PostgresFact]
    public async Task Psql_accepts_a_database_migrated_by_the_runtime_and_applies_only_what_is_new()
    {
        var db = new PgTestDatabase(server);
        await PostgresMigrator.Create(db.ConnectionString, Script(3).Build()).ApplyAsync();
        var history = FullHistory(db);

        var result = RunPsql(db, Script(4));

        result.ExitCode.ShouldBe(0, result.Output);
        FullHistory(db).Take(3).ShouldBe(history);
        db.History().Count.ShouldBe(4);
        db.Query("SELECT tag_count()").ShouldBe(["0"]);

        // Applied by either side, the schema is the same.
        var other = new PgTestDatabase(server);
        RunPsql(other, Script(4)).ExitCode.ShouldBe(0);
        other.SchemaDump().ShouldBe(db.SchemaDump());
    }

    [PostgresFact]
    public async Task Psql_stops_on_an_edited_applied_migration_and_changes_nothing()
    {
        var db = new PgTestDatabase(server);
        await PostgresMigrator.Create(db.ConnectionString, Script(1).Build()).ApplyAsync();
        var dump = db.SchemaDump();
        var edited = new PostgresScript()
            .Add("0001", "create todos", PostgresMigratorTests.CreateTodos + "\n-- edited")
            .Add("0002", "add due", PostgresMigratorTests.AddDue);

        var result = RunPsql(db, edited);

        result.ExitCode.ShouldNotBe(0);
        result.StandardError.ShouldContain("STRATA5001");
        db.SchemaDump().ShouldBe(dump);
        db.History().Count.ShouldBe(1);
    }

    private ToolResult RunPsql(PgTestDatabase db, PostgresScript script)
    {
        var file = Path.Combine(Path.GetTempPath(), $"strata-psql-{Guid.NewGuid():N}.sql");
        File.WriteAllText(file, script.Text());
        try
        {
            return server.RunClient(server.PsqlPath, ["-X", "-q", "-h", PostgresServer.Host, "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", PostgresServer.User, "-d", db.Name, "-f", file]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static List<string> FullHistory(PgTestDatabase db) =>
        db.Query("SELECT version || '|' || description || '|' || checksum || '|' || applied_at || '|' || applied_by FROM strata_schema_history ORDER BY version::numeric");
}
