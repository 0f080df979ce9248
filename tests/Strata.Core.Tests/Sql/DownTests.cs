using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Sql.Migrations;
using Strata.Core.Templating;
using Strata.Migrations.Cli;
using Strata.Migrations.Engine;
using Strata.Migrations.Errors;
using Strata.Migrations.Postgres;
using Strata.Migrations.Script;
using Strata.Migrations.Sqlite;
using Strata.Tests.Shared;

namespace Strata.Core.Tests.Sql;

/// <summary>migrate down: the down parts travel in the generated script and the runtime undoes migrations with them.</summary>
[Collection(PostgresServer.Collection)]
public sealed class DownTests(PostgresServer postgres) : IDisposable
{
    private readonly MigrationFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private MigrationScript Script(EngineDescriptor engine)
    {
        var result = MigrationBuild.Run(_folder.Project, [new DatastoreDeclaration("main", engine)], new MigrationBuildOptions { OutputDirectory = "obj/strata" }, HandlebarsTextRenderer.Instance);
        result.Diagnostics.Where(d => d.IsError).ShouldBeEmpty();
        return MigrationScript.Parse(result.Scripts.Single().Content, "migrate.sql");
    }

    private void AddChain()
    {
        _folder.Add("0001_a.sql", "CREATE TABLE a (id integer PRIMARY KEY);\n-- strata:down\nDROP TABLE a;\n")
               .Add("0002_b.sql", "CREATE TABLE b (id integer PRIMARY KEY);\n\n-- strata:down\n\n-- undo\nDROP TABLE b;\n")
               .Add("0003_c.sql", "CREATE TABLE c (id integer PRIMARY KEY);\n-- strata:down\nDROP TABLE c;\n");
    }

    [Fact]
    public void The_down_parts_travel_in_the_script_with_their_source_lines()
    {
        AddChain();
        var script = Script(EngineCatalog.Sqlite);
        script.Migrations[1].Body.ShouldBe("CREATE TABLE b (id integer PRIMARY KEY);");
        (script.Migrations[1].DownBody, script.Migrations[1].DownLine).ShouldBe(("\n-- undo\nDROP TABLE b;", 4));
    }

    [Fact]
    public async Task Sqlite_down_to_a_version_undoes_the_later_migrations_newest_first()
    {
        AddChain();
        var file = Path.Combine(_folder.Project, "app.db");
        var migrator = SqliteMigrator.Create($"Data Source={file};Pooling=False", Script(EngineCatalog.Sqlite));
        await migrator.ApplyAsync();

        var result = await migrator.DownAsync("0001");

        result.Applied.Select(m => m.Version).ShouldBe(["0003", "0002"]);
        (await migrator.StatusAsync()).Select(s => (s.Version, s.State)).ShouldBe(
            [("0001", MigrationState.Applied), ("0002", MigrationState.Pending), ("0003", MigrationState.Pending)]);
        (await migrator.ApplyAsync()).Applied.Count.ShouldBe(2, "and they apply again");
        (await migrator.DownAsync("0")).Applied.Count.ShouldBe(3);
    }

    [PostgresFact]
    public async Task Postgres_down_runs_each_undo_in_its_own_transaction_and_maps_a_failure_to_the_file_line()
    {
        AddChain();
        var db = postgres.CreateDatabase();
        var migrator = PostgresMigrator.Create(postgres.ConnectionString(db), Script(EngineCatalog.Postgres));
        await migrator.ApplyAsync();
        postgres.Psql(db, "-c", "CREATE TABLE keeps_c_alive (c_id integer REFERENCES c (id))");

        var error = await Should.ThrowAsync<MigrationException>(() => migrator.DownAsync("0001"));

        (error.Code, error.SourceFile, error.Line).ShouldBe(("STRATA5002", "db/main/migrations/0003_c.sql", 3));
        postgres.Query(db, "SELECT version FROM strata_schema_history ORDER BY version").ShouldBe(["1", "2", "3"]);

        postgres.Psql(db, "-c", "DROP TABLE keeps_c_alive");
        (await migrator.DownAsync("0001")).Applied.Select(m => m.Version).ShouldBe(["0003", "0002"]);
        postgres.Query(db, "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'").ShouldBe(["a,strata_schema_history"]);
    }

    [Fact]
    public async Task A_migration_without_a_down_part_stops_the_rollback_before_any_change()
    {
        _folder.Add("0001_a.sql", "CREATE TABLE a (id integer PRIMARY KEY);\n-- strata:down\nDROP TABLE a;\n")
               .Add("0002_b.sql", "CREATE TABLE b (id integer PRIMARY KEY);\n")
               .Add("0003_c.sql", "CREATE TABLE c (id integer PRIMARY KEY);\n-- strata:down\nDROP TABLE c;\n");
        var migrator = SqliteMigrator.Create($"Data Source={Path.Combine(_folder.Project, "app.db")};Pooling=False", Script(EngineCatalog.Sqlite));
        await migrator.ApplyAsync();

        var error = await Should.ThrowAsync<MigrationException>(() => migrator.DownAsync("0"));
        error.Code.ShouldBe("STRATA5007");
        error.Message.ShouldContain("0002_b.sql");
        (await migrator.StatusAsync()).ShouldAllBe(s => s.State == MigrationState.Applied);
        (await Should.ThrowAsync<MigrationException>(() => migrator.DownAsync("0009"))).Code.ShouldBe("STRATA5007");
    }

    [Fact]
    public async Task The_migrate_down_command_runs_for_the_named_datastore_only()
    {
        AddChain();
        var migrator = SqliteMigrator.Create($"Data Source={Path.Combine(_folder.Project, "app.db")};Pooling=False", Script(EngineCatalog.Sqlite));
        await migrator.ApplyAsync();
        var output = new StringWriter();

        (await MigrationCommand.RunAsync(["migrate", "down", "0002", "--datastore", "other"], () => migrator, output, output)).ShouldBe(0);
        output.ToString().ShouldBeEmpty();
        (await MigrationCommand.RunAsync(["migrate", "down", "0002", "--datastore", "main"], () => migrator, output, output)).ShouldBe(0);
        output.ToString().ShouldContain("Undid 0003 c");
        (await MigrationCommand.RunAsync(["migrate", "down"], () => migrator, output, output)).ShouldBe(MigrationCommand.UsageError);
    }
}
