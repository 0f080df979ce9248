using Strata.Migrations.Schemas.Neo4j;

namespace Strata.Migrations.Tests.Schemas;

public sealed class CypherStatementSplitterTests
{
    [Fact]
    public void Splits_at_top_level_semicolons_with_the_line_of_each_first_token()
    {
        var text = "// a; comment\nCREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x);\n/* b;\n c; */\n\n  CREATE CONSTRAINT `we;ird` IF NOT EXISTS\n  FOR (n:B) REQUIRE n.id IS UNIQUE ;\nCREATE FULLTEXT INDEX t IF NOT EXISTS FOR (n:C) ON EACH [n.s] OPTIONS { indexConfig: { `fulltext.analyzer`: 'english;\\'x' } }\n// trailing";

        var statements = CypherStatementSplitter.Split(text);

        statements.ShouldBe(
        [
            new CypherStatement("CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.x)", 2),
            new CypherStatement("CREATE CONSTRAINT `we;ird` IF NOT EXISTS\n  FOR (n:B) REQUIRE n.id IS UNIQUE", 6),
            new CypherStatement("CREATE FULLTEXT INDEX t IF NOT EXISTS FOR (n:C) ON EACH [n.s] OPTIONS { indexConfig: { `fulltext.analyzer`: 'english;\\'x' } }\n// trailing", 8),
        ]);
    }

    [Fact]
    public void A_file_of_comments_and_empty_statements_has_no_statement() =>
        CypherStatementSplitter.Split("// nothing\n;\n /* here */ ;").ShouldBeEmpty();
}
