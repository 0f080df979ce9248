using Strata.Migrations.Schemas;

namespace Strata.Core.Tests.Schemas;

/// <summary>The bundle the build embeds: deterministic to the byte, files in version order, readable by the appliers.</summary>
public sealed class SchemaBundleTests : IDisposable
{
    private readonly SchemaProject _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void The_bundle_is_byte_identical_across_runs_and_line_ends_and_round_trips()
    {
        _project.Write("db/graph/schema/2_more.cypher", "DROP INDEX old IF EXISTS;\r\n")
            .Write("db/graph/schema/1_init.cypher", Neo4jSchemaTests.Example + "\n");
        var first = _project.Run(("graph", "neo4j")).Bundles.ShouldHaveSingleItem().ToJson();
        _project.Write("db/graph/schema/2_more.cypher", "DROP INDEX old IF EXISTS;\n");
        var second = _project.Run(("graph", "neo4j")).Bundles.ShouldHaveSingleItem().ToJson();

        second.ShouldBe(first);
        var bundle = SchemaBundle.Parse(first);
        (bundle.Datastore, bundle.Engine).ShouldBe(("graph", "neo4j"));
        bundle.Files.Select(f => (f.Version, f.Path)).ShouldBe([("1", "db/graph/schema/1_init.cypher"), ("2", "db/graph/schema/2_more.cypher")]);
        bundle.Files[1].Content.ShouldBe("DROP INDEX old IF EXISTS;");
        SchemaBundle.ResourceName("graph").ShouldBe("Strata/graph/schema.json");
    }

    [Fact]
    public void Every_schema_file_engine_gets_a_bundle_and_sql_engines_none()
    {
        var result = _project.Run(("main", "postgres"), ("m", "mongodb"), ("n", "neo4j"), ("e", "elasticsearch"), ("q", "qdrant"), ("c", "chroma"), ("r", "redis"));
        result.ShouldBeClean();
        result.Bundles.Select(b => b.Engine).ShouldBe(["mongodb", "neo4j", "elasticsearch", "qdrant", "chroma", "redis"]);
    }
}
