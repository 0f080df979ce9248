using Strata.Migrations.Cli;
using Strata.Migrations.Engine;
using Strata.Migrations.Script;
using Strata.Migrations.Sqlite;
using Strata.Migrations.Tests.Support;

namespace Strata.Migrations.Tests;

public sealed class MigrationCommandTests : IDisposable
{
    private readonly TempDatabase db = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public void Dispose()
    {
        db.Dispose();
        output.Dispose();
        error.Dispose();
    }

    [Fact]
    public void Handles_only_the_migrate_command()
    {
        MigrationCommand.Handles(["migrate"]).ShouldBeTrue();
        MigrationCommand.Handles(["migrate", "status"]).ShouldBeTrue();
        MigrationCommand.Handles([]).ShouldBeFalse();
        MigrationCommand.Handles(["--urls", "http://localhost"]).ShouldBeFalse();
    }

    [Fact]
    public async Task Migrate_prints_one_line_per_applied_migration_and_a_summary()
    {
        var exit = await Run(Scripts.Three().Build(), "migrate");

        exit.ShouldBe(0);
        var lines = Lines(output);
        lines.Length.ShouldBe(4);
        lines[0].ShouldMatch(@"^Applied 0001 create todos \(\d+ ms\)$");
        lines[2].ShouldStartWith("Applied 0003 create tags (");
        lines[3].ShouldStartWith("Datastore 'testdb': applied 3 migrations in ");
        error.ToString().ShouldBeEmpty();
    }

    [Fact]
    public async Task Migrate_twice_applies_nothing_the_second_time()
    {
        await Run(Scripts.Three().Build(), "migrate");
        output.GetStringBuilder().Clear();

        var exit = await Run(Scripts.Three().Build(), "migrate");

        exit.ShouldBe(0);
        Lines(output).ShouldHaveSingleItem().ShouldMatch(@"^Datastore 'testdb': applied 0 migrations in \d+ ms \(3 already applied\); up to date\.$");
    }

    [Fact]
    public async Task Status_prints_a_table()
    {
        await Run(new ScriptBuilder().Add("0001", "create todos", Scripts.CreateTodos).Build(), "migrate");
        output.GetStringBuilder().Clear();

        var exit = await Run(Scripts.Three().Build(), "migrate", "status");

        exit.ShouldBe(0);
        var lines = Lines(output);
        lines[0].ShouldBe("Version  State    Applied at (UTC)     Description   Source");
        lines[1].ShouldMatch(@"^0001     applied  \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  create todos  db/testdb/migrations/0001_create_todos\.sql$");
        lines[2].ShouldBe("0002     pending  -                    add due       db/testdb/migrations/0002_add_due.sql");
        lines[4].ShouldBe("Datastore 'testdb': 1 applied, 2 pending.");
    }

    [Fact]
    public async Task Failure_prints_the_one_line_message_and_returns_1()
    {
        var script = new ScriptBuilder().Add("0001", "broken", "CREATE TABLE a (id INTEGER);\nINSERT INTO nope VALUES (1);").Build();

        var exit = await Run(script, "migrate");

        exit.ShouldBe(1);
        var message = Lines(error).ShouldHaveSingleItem();
        message.ShouldStartWith("db/testdb/migrations/0001_broken.sql(2): error STRATA5002: Migration 0001 'broken' failed: SQLite Error 1: 'no such table: nope'.");
        error.ToString().ShouldNotContain(" at ");
    }

    [Fact]
    public async Task Factory_failure_such_as_a_missing_script_returns_1()
    {
        var exit = await MigrationCommand.RunAsync(
            ["migrate"],
            () => SqliteMigrator.Create(db.ConnectionString, MigrationScript.FromEmbeddedResource(typeof(MigrationCommandTests).Assembly, "nope")),
            output,
            error);

        exit.ShouldBe(1);
        Lines(error).ShouldHaveSingleItem().ShouldStartWith("error STRATA5003: ");
    }

    [Fact]
    public async Task Warnings_go_to_the_error_writer()
    {
        await Run(Scripts.Three().Build(), "migrate");

        var exit = await Run(new ScriptBuilder().Add("0001", "create todos", Scripts.CreateTodos).Build(), "migrate");

        exit.ShouldBe(0);
        Lines(error).ShouldHaveSingleItem().ShouldStartWith("warning STRATA5005: ");
    }

    [Theory]
    [InlineData("migrate", "up")]
    [InlineData("migrate", "status", "extra")]
    [InlineData("serve")]
    public async Task Unknown_subcommand_prints_usage_and_returns_2(params string[] args)
    {
        var exit = await Run(Scripts.Three().Build(), args);

        exit.ShouldBe(2);
        error.ToString().ShouldContain("error: unknown command");
        error.ToString().ShouldContain("migrate status");
        File.Exists(db.Path).ShouldBeFalse();
    }

    [Fact]
    public async Task Help_prints_usage_and_returns_0()
    {
        var exit = await Run(Scripts.Three().Build(), "migrate", "--help");

        exit.ShouldBe(0);
        output.ToString().ShouldContain("Usage:");
    }

    private Task<int> Run(MigrationScript script, params string[] args) =>
        MigrationCommand.RunAsync(args, () => SqliteMigrator.Create(db.ConnectionString, script), output, error);

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
