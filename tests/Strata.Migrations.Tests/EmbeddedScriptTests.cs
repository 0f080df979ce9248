using Strata.Migrations.Errors;
using Strata.Migrations.Script;
using Strata.Migrations.Sqlite;
using Strata.Migrations.Tests.Support;

namespace Strata.Migrations.Tests;

public class EmbeddedScriptTests
{
    [Fact]
    public void Loads_the_script_embedded_under_Strata_datastore_migrate_sql()
    {
        var script = MigrationScript.FromEmbeddedResource(typeof(EmbeddedScriptTests).Assembly, "testdb");

        script.Name.ShouldBe("Strata/testdb/migrate.sql");
        script.Datastore.ShouldBe("testdb");
        script.Migrations.Select(m => m.Description).ShouldBe(["create notes", "add created"]);
    }

    [Fact]
    public void Missing_resource_is_STRATA5003_listing_what_exists()
    {
        var ex = Should.Throw<MigrationException>(() => MigrationScript.FromEmbeddedResource(typeof(EmbeddedScriptTests).Assembly, "main"));

        ex.Code.ShouldBe("STRATA5003");
        ex.Message.ShouldStartWith("error STRATA5003: Assembly 'Strata.Migrations.Tests' has no embedded migration script 'Strata/main/migrate.sql'");
        ex.Message.ShouldContain("Strata resources present: 'Strata/testdb/migrate.sql'");
        ex.Message.ShouldContain("<Datastore Include=\"main\" />");
        ex.HelpLink.ShouldBe("https://github.com/strata-dotnet/strata/blob/main/docs/diagnostics/STRATA5003.md");
    }

    [Fact]
    public void Assembly_without_any_script_says_so()
    {
        var ex = Should.Throw<MigrationException>(() => MigrationScript.FromEmbeddedResource(typeof(MigrationScript).Assembly, "main"));

        ex.Message.ShouldContain("it has no Strata resources");
    }

    [Fact]
    public async Task Start_up_helper_applies_the_embedded_script()
    {
        using var db = new TempDatabase();

        var result = await SqliteMigrator.ApplyEmbeddedAsync(db.ConnectionString, typeof(EmbeddedScriptTests).Assembly, "testdb");

        result.Applied.Count.ShouldBe(2);
        db.Schema().ShouldContain(s => s.Contains("created_at TEXT", StringComparison.Ordinal));
    }
}
