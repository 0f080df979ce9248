using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Sql.Migrations;
using Strata.Core.Templating;
using Strata.Migrations.Script;

namespace Strata.Core.Tests.Sql;

/// <summary>What the build generates, the runtime parses back: same versions, bodies, checksums and source lines.</summary>
public sealed class MigrationScriptRoundTripTests : IDisposable
{
    private readonly MigrationFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static readonly MigrationBuildOptions Options = new() { OutputDirectory = "obj/strata" };

    private MigrationBuild.Result Build() => MigrationBuild.Run(
        _folder.Project, [new DatastoreDeclaration("main", EngineCatalog.Sqlite)], Options, HandlebarsTextRenderer.Instance);

    [Fact]
    public void Generated_script_parses_back_to_the_same_migrations()
    {
        _folder.Add("0001_create.sql", "-- first\r\nCREATE TABLE t (id INTEGER);\r\n\r\n")
               .Add("0002_trigger.sql", "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  SELECT 1;\nEND;")
               .Add("0003_odd_text.sql", "INSERT INTO t VALUES (1); -- {{not a template}} & <b>not html</b>\n");

        var result = Build();
        result.Diagnostics.ShouldBeEmpty();
        var generated = result.Scripts.ShouldHaveSingleItem();
        generated.RelativeOutputPath.ShouldBe("obj/strata/main/migrate.sql");
        (generated.MigrationCount, generated.FirstVersion, generated.LastVersion).ShouldBe((3, "0001", "0003"));

        var script = MigrationScript.Parse(generated.Content, "migrate.sql");
        (script.Datastore, script.Engine).ShouldBe(("main", "sqlite"));
        script.Migrations.Select(m => m.Version).ShouldBe(["0001", "0002", "0003"]);
        script.Migrations[0].Body.ShouldBe("-- first\nCREATE TABLE t (id INTEGER);\n");
        script.Migrations[2].Body.ShouldContain("{{not a template}} & <b>not html</b>");
        script.Migrations[1].Source.ShouldBe("db/main/migrations/0002_trigger.sql");
        script.Migrations.ShouldAllBe(m => m.Checksum == MigrationChecksum.Compute(m.Body));
    }

    [Fact]
    public void Generation_is_deterministic_to_the_byte_and_independent_of_line_ends()
    {
        _folder.Add("0001_create.sql", "CREATE TABLE t (id INTEGER);\n");
        var first = Build().Scripts[0].Content;
        _folder.Add("0001_create.sql", "CREATE TABLE t (id INTEGER);\r\n");
        Build().Scripts[0].Content.ShouldBe(first);
        first.ShouldNotContain("\r");
    }

    [Fact]
    public void A_datastore_with_errors_generates_nothing()
    {
        _folder.Add("0001_ok.sql", "SELECT 1;").Add("0002_bad.sql", "SELECT 'x");
        var result = Build();
        result.HasErrors.ShouldBeTrue();
        result.Scripts.ShouldBeEmpty();
    }

    [Fact]
    public void Engines_without_sql_migrations_are_skipped()
    {
        var result = MigrationBuild.Run(_folder.Project, [new DatastoreDeclaration("cache", EngineCatalog.Redis)], Options, HandlebarsTextRenderer.Instance);
        result.Scripts.ShouldBeEmpty();
        result.Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void A_user_template_replaces_the_layout()
    {
        _folder.Add("0001_create.sql", "CREATE TABLE t (id INTEGER);");
        File.WriteAllText(Path.Combine(_folder.Project, "migrate.hbs"), "-- ours for {{datastore}}\n{{#each migrations}}-- {{version}} {{checksum}}\n{{body}}\n{{/each}}");
        var result = MigrationBuild.Run(_folder.Project, [new DatastoreDeclaration("main", EngineCatalog.Sqlite)],
            Options with { ScriptTemplate = "migrate.hbs" }, HandlebarsTextRenderer.Instance);
        result.Diagnostics.ShouldBeEmpty();
        result.Scripts[0].Content.ShouldStartWith("-- ours for main\n-- 0001 ");
        result.Scripts[0].Content.ShouldContain("CREATE TABLE t (id INTEGER);");
    }

    [Fact]
    public void A_missing_user_template_is_a_coded_error()
    {
        _folder.Add("0001_create.sql", "CREATE TABLE t (id INTEGER);");
        var result = MigrationBuild.Run(_folder.Project, [new DatastoreDeclaration("main", EngineCatalog.Sqlite)],
            Options with { ScriptTemplate = "nope.hbs" }, HandlebarsTextRenderer.Instance);
        result.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("STRATA2016");
        result.Scripts.ShouldBeEmpty();
    }
}
