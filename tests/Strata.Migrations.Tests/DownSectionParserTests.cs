using Strata.Migrations.Errors;
using Strata.Migrations.Script;

namespace Strata.Migrations.Tests;

/// <summary>-- strata:down sections: attached to their migration, checked like bodies, refused when out of place.</summary>
public class DownSectionParserTests
{
    private static string Script(string downHeader, string downBody, bool downFirst = false)
    {
        const string body = "CREATE TABLE a (id int);";
        var migration = $"-- strata:migration version=0001 checksum={MigrationChecksum.Compute(body)} source=db/main/migrations/0001_a.sql\n-- strata:description a\n{body}\n-- strata:end\n";
        var down = $"{downHeader}\n{downBody}\n-- strata:end\n";
        return "-- strata:script format=1 datastore=main engine=sqlite\n-- strata:prologue\nCREATE TABLE IF NOT EXISTS strata_schema_history (version TEXT);\n" +
            (downFirst ? down + migration : migration + down);
    }

    private static string Header(string body, string line = "3") => $"-- strata:down version=0001 checksum={MigrationChecksum.Compute(body)} line={line}";

    [Fact]
    public void A_down_section_is_attached_to_its_migration()
    {
        var migration = MigrationScript.Parse(Script(Header("DROP TABLE a;"), "DROP TABLE a;"), "s").Migrations.ShouldHaveSingleItem();
        (migration.DownBody, migration.DownLine).ShouldBe(("DROP TABLE a;", 3));
    }

    [Theory]
    [InlineData("DROP TABLE a;", false)]
    [InlineData("DROP TABLE a;\nDISCARD ALL;", true)]
    [InlineData("DROP TABLE a;\ndeallocate all;", true)]
    public void A_down_part_that_may_drop_prepared_statements_turns_preparation_off(string down, bool drops)
    {
        var script = MigrationScript.Parse(Script(Header(down), down), "s");
        Strata.Migrations.Postgres.PostgresMigrator.MayDropPreparedStatements(script).ShouldBe(drops);
    }

    [Theory]
    [InlineData("damaged", 8)]
    [InlineData("before", 4)]
    [InlineData("badline", 8)]
    public void A_malformed_down_section_is_STRATA5004_at_its_line(string kind, int line)
    {
        var text = kind switch
        {
            "damaged" => Script(Header("DROP TABLE a;"), "DROP TABLE b;"),
            "before" => Script(Header("DROP TABLE a;"), "DROP TABLE a;", downFirst: true),
            _ => Script(Header("DROP TABLE a;", line: "x"), "DROP TABLE a;"),
        };
        var error = Should.Throw<MigrationException>(() => MigrationScript.Parse(text, "s"));
        (error.Code, error.Line).ShouldBe(("STRATA5004", line));
    }
}
