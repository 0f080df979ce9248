using Strata.Templates.Tests.Infrastructure;

namespace Strata.Templates.Tests;

/// <summary>The migration workflow as a developer runs it: lock on release, lint what is new, override a rule, SARIF for CI.</summary>
[Collection(TemplateCollection.Name)]
public sealed class MigrationWorkflowTests(TemplateHive hive)
{
    [Fact]
    public async Task Released_migrations_are_locked_new_ones_linted_with_history_and_edits_refused()
    {
        var service = await hive.ScaffoldAsync("Billing", "--stores", "postgres");
        var migrations = Path.Combine(service, "db/main/migrations");

        var lockRun = (await Dotnet(service, "build", "-t:StrataLockMigrations")).ShouldSucceed("lock");
        lockRun.Output.ShouldContain("Strata: db/main/migrations.lock updated");
        (await File.ReadAllTextAsync(Path.Combine(service, "db/main/migrations.lock"))).ShouldContain(" 0001_create_todos.sql");

        // A NOT NULL column without a default on a released table: flagged at its line and column.
        await File.WriteAllTextAsync(Path.Combine(migrations, "0002_add_owner.sql"), "-- who owns it\nALTER TABLE todos ADD COLUMN owner text NOT NULL;\n");
        var lint = await Build(service);
        lint.ExitCode.ShouldNotBe(0);
        lint.Output.ShouldMatch(@"0002_add_owner\.sql\(2,\d+[,)].*error STRATA2103");

        // The same on a table this branch creates is safe and not flagged.
        await File.WriteAllTextAsync(Path.Combine(migrations, "0002_add_owner.sql"),
            "CREATE TABLE owners (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\nALTER TABLE owners ADD COLUMN name text NOT NULL;\n");
        (await Build(service)).ShouldSucceed("history-aware build");

        // Editing a released migration fails the build until the edit is recorded on purpose.
        var first = Path.Combine(migrations, "0001_create_todos.sql");
        await File.AppendAllTextAsync(first, "-- a comment added later\n");
        var edited = await Build(service);
        edited.ExitCode.ShouldNotBe(0);
        edited.Output.ShouldContain("error STRATA2011");
        (await Dotnet(service, "build", "-t:StrataLockMigrations", "-p:StrataAcceptEdits=0001")).ShouldSucceed("accept the edit");
        (await Build(service)).ShouldSucceed("build after accepting");
    }

    [Fact]
    public async Task A_rule_can_be_turned_off_from_the_project_and_findings_go_to_SARIF()
    {
        var service = await hive.ScaffoldAsync("Catalog", "--stores", "postgres");
        await File.WriteAllTextAsync(Path.Combine(service, "db/main/migrations/0002_sku.sql"), "CREATE TABLE skus (code varchar(20) PRIMARY KEY);\n");

        var warned = (await Build(service, "-p:StrataSarifFile=obj/strata/lint.sarif")).ShouldSucceed("build with a warning");
        warned.Output.ShouldContain("warning STRATA2116");
        var sarif = await File.ReadAllTextAsync(Path.Combine(service, "obj/strata/lint.sarif"));
        sarif.ShouldContain("\"ruleId\": \"STRATA2116\"");

        var quiet = (await Build(service, "-p:StrataLintSeverity=STRATA2116=none")).ShouldSucceed("build with the rule off");
        quiet.Output.ShouldNotContain("STRATA2116");

        var promoted = await Build(service, "-p:StrataLintSeverity=STRATA2116=error");
        promoted.ExitCode.ShouldNotBe(0);
        promoted.Output.ShouldContain("error STRATA2116");
    }

    [Fact]
    public async Task A_warning_is_shown_again_on_the_next_build_until_it_is_fixed()
    {
        var service = await hive.ScaffoldAsync("Warned", "--stores", "postgres");
        await File.WriteAllTextAsync(Path.Combine(service, "db/main/migrations/0002_sku.sql"), "CREATE TABLE skus (code varchar(20) PRIMARY KEY);\n");
        (await Build(service)).Output.ShouldContain("warning STRATA2116");
        (await Build(service)).Output.ShouldContain("warning STRATA2116");
    }

    private Task<ProcessResult> Build(string service, params string[] extra) =>
        Dotnet(service, ["build", "-nologo", "-tl:off", .. extra]);

    private Task<ProcessResult> Dotnet(string service, params string[] arguments) => hive.DotnetAsync(service, arguments);
}
