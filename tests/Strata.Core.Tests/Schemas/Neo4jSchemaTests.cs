namespace Strata.Core.Tests.Schemas;

/// <summary>STRATA42xx: Neo4j Cypher schema files.</summary>
public sealed class Neo4jSchemaTests : IDisposable
{
    private const string File = "db/graph/schema/0001_graph.cypher";
    private readonly SchemaProject _project = new();

    public void Dispose() => _project.Dispose();

    private Strata.Core.Schemas.SchemaBuildResult Run(string cypher)
    {
        _project.Write(File, cypher);
        return _project.Run(("graph", "neo4j"));
    }

    /// <summary>The example of docs/schema-files.md.</summary>
    public const string Example = """
        CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
        CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name);
        CREATE VECTOR INDEX chunk_embedding IF NOT EXISTS FOR (c:Chunk) ON (c.embedding)
          OPTIONS { indexConfig: { `vector.dimensions`: 1536, `vector.similarity_function`: 'cosine' } };
        DROP INDEX person_old IF EXISTS;
        """;

    [Fact]
    public void The_documented_example_is_clean() => Run(Example).ShouldBeClean();

    [Fact]
    public void Comments_strings_and_backtick_names_hide_semicolons()
    {
        Run("// a comment; with a semicolon\nCREATE CONSTRAINT `odd;name` IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE; /* ; */\n"
            + "CREATE FULLTEXT INDEX titles IF NOT EXISTS FOR (n:Doc) ON EACH [n.title] OPTIONS { indexConfig: { `fulltext.analyzer`: 'english;' } }")
            .ShouldBeClean();
    }

    [Theory]
    [InlineData("CREATE INDEX x IF NOT EXISTS FOR (p:Person) ON (p.name = 'a);", 1, 58, "string")]
    [InlineData("CREATE INDEX `x IF NOT EXISTS FOR (p:Person) ON (p.name);", 1, 14, "backtick")]
    [InlineData("CREATE INDEX x IF NOT EXISTS FOR (p:Person) ON (p.name);\n/* never closed", 2, 1, "block comment")]
    [InlineData("CREATE INDEX x IF NOT EXISTS FOR (p:Person ON (p.name);", 1, 55, "not closed before this ';'")]
    [InlineData("CREATE INDEX x IF NOT EXISTS FOR p:Person) ON (p.name);", 1, 42, "closes no")]
    public void STRATA4201_not_lexically_sound(string cypher, int line, int column, string message)
    {
        Run(cypher).ShouldReport("STRATA4201", File, line, column).Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("MATCH (n) DETACH DELETE n;")]
    [InlineData("CREATE (n:Person {id: 1});")]
    [InlineData("MERGE (n:Person {id: 1});")]
    [InlineData("CALL db.index.vector.createNodeIndex('x', 'Chunk', 'embedding', 3, 'cosine');")]
    public void STRATA4202_data_statement(string statement)
    {
        Run("CREATE INDEX x IF NOT EXISTS FOR (p:Person) ON (p.name);\n  " + statement).ShouldReport("STRATA4202", File, 2, 3);
    }

    [Theory]
    [InlineData("CREATE CONSTRAINT IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;")]
    [InlineData("CREATE TEXT INDEX FOR (p:Person) ON (p.name);")]
    public void STRATA4203_unnamed(string statement)
    {
        var result = Run(statement);
        result.Diagnostics.ShouldContain(d => d.Id == "STRATA4203" && d.Location.Line == 1 && d.Location.Column == 1);
    }

    [Theory]
    [InlineData("CREATE CONSTRAINT person_id FOR (p:Person) REQUIRE p.id IS UNIQUE;", "IF NOT EXISTS")]
    [InlineData("CREATE RANGE INDEX person_name FOR (p:Person) ON (p.name);", "IF NOT EXISTS")]
    [InlineData("DROP CONSTRAINT person_id;", "IF EXISTS")]
    public void STRATA4204_not_idempotent(string statement, string missing)
    {
        Run("\n" + statement).ShouldReport("STRATA4204", File, 2, 1).Message.ShouldContain(missing);
    }

    [Theory]
    [InlineData("0", "vector.dimensions is 0")]
    [InlineData("1000000", "vector.dimensions is 1000000")]
    public void STRATA4205_vector_dimensions_out_of_range(string dimensions, string message)
    {
        Run($"CREATE VECTOR INDEX v IF NOT EXISTS FOR (c:Chunk) ON (c.e)\n  OPTIONS {{ indexConfig: {{ `vector.dimensions`: {dimensions}, `vector.similarity_function`: 'cosine' }} }};")
            .ShouldReport("STRATA4205", File, 2, 49).Message.ShouldContain(message);
    }

    [Fact]
    public void STRATA4205_vector_similarity_unknown()
    {
        Run("CREATE VECTOR INDEX v IF NOT EXISTS FOR (c:Chunk) ON (c.e)\n  OPTIONS { indexConfig: { `vector.dimensions`: 3, `vector.similarity_function`: 'dot' } };")
            .ShouldReport("STRATA4205", File, 2, 82);
    }

    [Fact]
    public void STRATA4004_only_comments()
    {
        Run("// nothing yet\n").ShouldReport("STRATA4004", File, 0, 0);
    }
}
