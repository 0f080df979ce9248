using System.Diagnostics;
using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Diagnostics;
using Strata.Core.Sql.Migrations;
using Strata.Core.Templating;
using Strata.Tests.Shared;

namespace Strata.Core.Tests.Sql;

/// <summary>The scripts the build generates, run by the tools people use on them: psql for PostgreSQL, sqlite3 for SQLite.</summary>
[Collection(PostgresServer.Collection)]
public sealed class GeneratedScriptServerTests(PostgresServer postgres) : IDisposable
{
    private readonly MigrationFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly MigrationBuildOptions Options = new() { OutputDirectory = "obj/strata" };

    private string Generate(EngineDescriptor engine)
    {
        var result = MigrationBuild.Run(_folder.Project, [new DatastoreDeclaration("main", engine)], Options, HandlebarsTextRenderer.Instance);
        result.Diagnostics.Where(d => d.IsError).ShouldBeEmpty();
        return result.Scripts.Single().Content;
    }

    private string Rollback(EngineDescriptor engine, string target)
    {
        var diagnostics = new List<Diagnostic>();
        var scripts = MigrationBuild.Rollback(_folder.Project, [new DatastoreDeclaration("main", engine)], Options, target, HandlebarsTextRenderer.Instance, diagnostics);
        diagnostics.ShouldBeEmpty();
        return scripts.Single().Content;
    }

    private void AddChain()
    {
        _folder.Add("0001_create.sql", "CREATE TABLE items (id bigint PRIMARY KEY, name text NOT NULL);\n\n-- strata:down\nDROP TABLE items;\n")
               .Add("0002_index.sql", "CREATE INDEX ix_items_name ON items (name);\n-- strata:down\nDROP INDEX ix_items_name;\n")
               .Add("0003_fn.sql", "CREATE FUNCTION item_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM items $$;\n-- strata:down\nDROP FUNCTION item_count();\n");
    }

    private string WriteScript(string text)
    {
        var path = Path.Combine(_folder.Project, Guid.NewGuid().ToString("N") + ".sql");
        File.WriteAllText(path, text);
        return path;
    }

    [PostgresFact]
    public void The_generated_postgres_script_runs_twice_with_psql_and_the_second_run_changes_nothing()
    {
        AddChain();
        var db = postgres.CreateDatabase();
        var script = WriteScript(Generate(EngineCatalog.Postgres));

        postgres.Psql(db, "-X", "-q", "-f", script).ExitCode.ShouldBe(0);
        var schema = postgres.SchemaDump(db);
        var history = postgres.Query(db, "SELECT version || ':' || checksum FROM strata_schema_history ORDER BY version::int");
        history.Count.ShouldBe(3);

        var again = postgres.Psql(db, "-X", "-q", "-f", script);
        again.ExitCode.ShouldBe(0, again.Output);
        postgres.SchemaDump(db).ShouldBe(schema);
        postgres.Query(db, "SELECT version || ':' || checksum FROM strata_schema_history ORDER BY version::int").ShouldBe(history);
    }

    [PostgresFact]
    public void The_generated_postgres_script_stops_on_an_edited_applied_migration()
    {
        AddChain();
        var db = postgres.CreateDatabase();
        postgres.Psql(db, "-X", "-q", "-f", WriteScript(Generate(EngineCatalog.Postgres))).ExitCode.ShouldBe(0);
        _folder.Add("0002_index.sql", "CREATE INDEX ix_items_name ON items (name, id);\n");
        _folder.Add("0004_more.sql", "CREATE TABLE more (id bigint PRIMARY KEY);\n");

        var run = postgres.RunClient(postgres.PsqlPath, ["-X", "-q", "-h", PostgresServer.Host, "-p", postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", PostgresServer.User, "-d", db, "-f", WriteScript(Generate(EngineCatalog.Postgres))]);
        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain("STRATA5001");
        postgres.Query(db, "SELECT count(*) FROM pg_tables WHERE tablename = 'more'").ShouldBe(["0"]);
    }

    [PostgresFact]
    public void The_rollback_script_undoes_later_migrations_newest_first_and_skips_what_is_not_applied()
    {
        AddChain();
        var db = postgres.CreateDatabase();
        var migrate = WriteScript(Generate(EngineCatalog.Postgres));
        postgres.Psql(db, "-X", "-q", "-f", migrate).ExitCode.ShouldBe(0);
        var rollback = WriteScript(Rollback(EngineCatalog.Postgres, "0001"));

        var run = postgres.Psql(db, "-X", "-q", "-f", rollback);
        run.ExitCode.ShouldBe(0, run.Output);
        postgres.Query(db, "SELECT version FROM strata_schema_history").ShouldBe(["1"]);
        postgres.Query(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_items_name'").ShouldBe(["0"]);
        postgres.Query(db, "SELECT count(*) FROM pg_proc WHERE proname = 'item_count'").ShouldBe(["0"]);

        postgres.Psql(db, "-X", "-q", "-f", rollback).ExitCode.ShouldBe(0, "a second rollback skips what is no longer applied");
        postgres.Psql(db, "-X", "-q", "-f", migrate).ExitCode.ShouldBe(0, "and migrating up again works");
        postgres.Query(db, "SELECT count(*) FROM strata_schema_history").ShouldBe(["3"]);
    }

    [Fact]
    public async Task The_sqlite_rollback_script_runs_in_the_sqlite3_shell()
    {
        _folder.Add("0001_create.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n-- strata:down\nDROP TABLE items;\n")
               .Add("0002_index.sql", "CREATE INDEX ix_items_name ON items (name);\n-- strata:down\nDROP INDEX ix_items_name;\n");
        var file = Path.Combine(_folder.Project, "app.db");
        var script = Strata.Migrations.Script.MigrationScript.Parse(Generate(EngineCatalog.Sqlite), "migrate.sql");
        await Strata.Migrations.Sqlite.SqliteMigrator.Create($"Data Source={file}", script).ApplyAsync();

        var output = Sqlite3(file, Rollback(EngineCatalog.Sqlite, "0"));
        output.ExitCode.ShouldBe(0, output.Text);
        Sqlite3(file, "SELECT count(*) FROM sqlite_master WHERE name IN ('items', 'ix_items_name'); SELECT count(*) FROM strata_schema_history;").Text.ShouldBe("0\n0\n");
    }

    [Fact]
    public void Rollback_needs_every_down_part_and_a_known_target()
    {
        _folder.Add("0001_create.sql", "CREATE TABLE a (id int);\n-- strata:down\nDROP TABLE a;\n").Add("0002_b.sql", "CREATE TABLE b (id int);\n");
        var diagnostics = new List<Diagnostic>();
        MigrationBuild.Rollback(_folder.Project, [new DatastoreDeclaration("main", EngineCatalog.Postgres)], Options, "0001", HandlebarsTextRenderer.Instance, diagnostics).ShouldBeEmpty();
        var d = diagnostics.ShouldHaveSingleItem();
        (d.Id, d.Location.File).ShouldBe(("STRATA2018", "db/main/migrations/0002_b.sql"));

        diagnostics.Clear();
        MigrationBuild.Rollback(_folder.Project, [new DatastoreDeclaration("main", EngineCatalog.Postgres)], Options, "0007", HandlebarsTextRenderer.Instance, diagnostics);
        diagnostics.ShouldHaveSingleItem().Id.ShouldBe("STRATA2019");
    }

    private static (int ExitCode, string Text) Sqlite3(string file, string sql)
    {
        using var process = Process.Start(new ProcessStartInfo("sqlite3", [file]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.StandardInput.Write(sql);
        process.StandardInput.Close();
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, text);
    }
}
