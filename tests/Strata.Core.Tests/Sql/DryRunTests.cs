using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Sql.DryRun;
using Strata.Core.Sql.Migrations;
using Strata.Core.Templating;
using Strata.Tests.Shared;

namespace Strata.Core.Tests.Sql;

/// <summary>The dry run against real databases: it applies what is pending, reports failures at file and line, and changes nothing.</summary>
[Collection(PostgresServer.Collection)]
public sealed class DryRunTests(PostgresServer postgres) : IDisposable
{
    private readonly MigrationFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Script(EngineDescriptor engine)
    {
        var result = MigrationBuild.Run(_folder.Project, [new DatastoreDeclaration("main", engine)], new MigrationBuildOptions { OutputDirectory = "obj/strata" }, HandlebarsTextRenderer.Instance);
        result.Diagnostics.Where(d => d.IsError).ShouldBeEmpty();
        return result.Scripts.Single().Content;
    }

    private Task<MigrationDryRun.Outcome> DryRun(EngineDescriptor engine, string? connection) =>
        MigrationDryRun.RunAsync(Script(engine), "obj/strata/main/migrate.sql", engine, connection, _folder.Project, CancellationToken.None);

    [PostgresFact]
    public async Task Pending_migrations_run_in_a_transaction_that_is_rolled_back()
    {
        _folder.Add("0001_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);");
        var db = postgres.CreateDatabase();
        postgres.Psql(db, "-f", WriteScript(Script(EngineCatalog.Postgres)));
        var before = postgres.SchemaDump(db);
        _folder.Add("0002_b.sql", "CREATE TABLE b (id bigint PRIMARY KEY, a_id bigint REFERENCES a (id));\nINSERT INTO a VALUES (1);");

        var outcome = await DryRun(EngineCatalog.Postgres, postgres.ConnectionString(db));

        outcome.Diagnostics.ShouldBeEmpty();
        outcome.Summary!.ShouldContain("1 pending migration applied cleanly in a transaction that was rolled back");
        postgres.SchemaDump(db).ShouldBe(before);
        postgres.Query(db, "SELECT count(*) FROM a").ShouldBe(["0"]);
    }

    [PostgresFact]
    public async Task A_failing_statement_is_reported_at_its_file_and_line_and_nothing_changes()
    {
        _folder.Add("0001_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);")
               .Add("0002_b.sql", "-- adds b\nCREATE TABLE b (id bigint PRIMARY KEY);\n\nALTER TABLE b ADD COLUMN a_id bigint REFERENCES missing (id);\n");
        var db = postgres.CreateDatabase();

        var outcome = await DryRun(EngineCatalog.Postgres, postgres.ConnectionString(db));

        var d = outcome.Diagnostics.ShouldHaveSingleItem();
        (d.Id, d.Location.File, d.Location.Line).ShouldBe(("STRATA2050", "db/main/migrations/0002_b.sql", 4));
        d.Message.ShouldContain("missing");
        postgres.Query(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").ShouldBe(["0"]);
    }

    [PostgresFact]
    public async Task A_pending_migration_outside_a_transaction_runs_on_a_scratch_database_that_is_dropped()
    {
        _folder.Add("0001_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY, name text);")
               .Add("0002_ix.sql", "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY ix_a_name ON a (name);");
        var db = postgres.CreateDatabase();
        var databases = postgres.Query("postgres", "SELECT count(*) FROM pg_database");

        var outcome = await DryRun(EngineCatalog.Postgres, postgres.ConnectionString(db));

        outcome.Diagnostics.ShouldBeEmpty();
        outcome.Summary!.ShouldContain("scratch database");
        postgres.Query("postgres", "SELECT count(*) FROM pg_database").ShouldBe(databases);
        postgres.Query(db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").ShouldBe(["0"]);
    }

    [PostgresFact]
    public async Task An_edited_applied_migration_stops_the_dry_run()
    {
        _folder.Add("0001_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);");
        var db = postgres.CreateDatabase();
        postgres.Psql(db, "-f", WriteScript(Script(EngineCatalog.Postgres)));
        _folder.Add("0001_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY, x int);");

        var d = (await DryRun(EngineCatalog.Postgres, postgres.ConnectionString(db))).Diagnostics.ShouldHaveSingleItem();
        (d.Id, d.Message.Contains("STRATA5001", StringComparison.Ordinal)).ShouldBe(("STRATA2052", true));
    }

    [Fact]
    public async Task Postgres_without_a_connection_string_is_a_coded_error()
    {
        _folder.Add("0001_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);");
        (await DryRun(EngineCatalog.Postgres, null)).Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("STRATA2051");
    }

    [Fact]
    public async Task Sqlite_runs_on_a_copy_of_the_file_and_leaves_the_file_as_it_was()
    {
        _folder.Add("0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY);");
        var file = Path.Combine(_folder.Project, "app.db");
        await Strata.Migrations.Sqlite.SqliteMigrator.Create($"Data Source={file};Pooling=False", Strata.Migrations.Script.MigrationScript.Parse(Script(EngineCatalog.Sqlite), "m")).ApplyAsync();
        var bytes = await File.ReadAllBytesAsync(file);
        _folder.Add("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);\nINSERT INTO nope VALUES (1);");

        var d = (await DryRun(EngineCatalog.Sqlite, "Data Source=app.db")).Diagnostics.ShouldHaveSingleItem();
        (d.Id, d.Location.File, d.Location.Line).ShouldBe(("STRATA2050", "db/main/migrations/0002_b.sql", 2));
        (await File.ReadAllBytesAsync(file)).ShouldBe(bytes);

        _folder.Add("0002_b.sql", "CREATE TABLE b (id INTEGER PRIMARY KEY);");
        (await DryRun(EngineCatalog.Sqlite, "Data Source=app.db")).Summary!.ShouldContain("1 pending migration applied cleanly on a copy of app.db");
        (await DryRun(EngineCatalog.Sqlite, null)).Summary!.ShouldContain("2 pending migrations applied cleanly on an empty database");
    }

    [Fact]
    public void The_connection_comes_from_the_datastores_variable_then_the_services_then_the_property()
    {
        var env = new Dictionary<string, string?> { ["ConnectionStrings__main"] = "service", ["STRATA_DRYRUN_CONNECTION__orders"] = "specific" };
        MigrationDryRun.ConnectionFor("orders", "property", env.GetValueOrDefault).ShouldBe("specific");
        MigrationDryRun.ConnectionFor("main", "property", env.GetValueOrDefault).ShouldBe("service");
        MigrationDryRun.ConnectionFor("other", "property", env.GetValueOrDefault).ShouldBe("property");
        MigrationDryRun.ConnectionFor("other", " ", env.GetValueOrDefault).ShouldBeNull();
    }

    private string WriteScript(string text)
    {
        var path = Path.Combine(_folder.Project, Guid.NewGuid().ToString("N") + ".sql");
        File.WriteAllText(path, text);
        return path;
    }
}
