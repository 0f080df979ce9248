namespace Strata.Core.Tests.Schemas;

/// <summary>STRATA44xx Qdrant and STRATA45xx Chroma schema files.</summary>
public sealed class VectorStoreSchemaTests : IDisposable
{
    private readonly SchemaProject _project = new();

    public void Dispose() => _project.Dispose();

    /// <summary>The Qdrant example of docs/schema-files.md.</summary>
    public const string QdrantExample = """
        {
          "collections": [
            {
              "name": "documents",
              "vectors": { "size": 1536, "distance": "Cosine" },
              "hnsw_config": { "m": 16, "ef_construct": 100 },
              "quantization_config": { "scalar": { "type": "int8", "quantile": 0.99, "always_ram": true } },
              "on_disk_payload": true,
              "payload_indexes": { "tenant_id": "keyword", "created_at": "datetime" },
              "embedding": "default"
            }
          ],
          "dropCollections": []
        }
        """;

    /// <summary>The Chroma example of docs/schema-files.md.</summary>
    public const string ChromaExample = """
        {
          "collections": [
            { "name": "documents", "dimension": 1536, "distance": "cosine",
              "hnsw": { "ef_construction": 100, "ef_search": 100, "max_neighbors": 16 },
              "metadata": { "owner": "search" }, "embedding": "default" }
          ]
        }
        """;

    [Fact]
    public void The_documented_examples_are_clean()
    {
        _project.Write("db/qdrant/schema/0001_documents.json", QdrantExample).Write("db/chroma/schema/0001_documents.json", ChromaExample);
        _project.Run(("qdrant", "qdrant"), ("chroma", "chroma")).ShouldBeClean();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000000")]
    public void STRATA4401_qdrant_vector_size_out_of_range(string size)
    {
        _project.Write("db/qdrant/schema/0001_documents.json", $"{{ \"collections\": [\n  {{ \"name\": \"documents\", \"vectors\": {{ \"size\": {size}, \"distance\": \"Cosine\" }} }} ] }}");
        _project.Run(("qdrant", "qdrant")).ShouldReport("STRATA4401", "db/qdrant/schema/0001_documents.json", 2, 47).Message.ShouldContain(size);
    }

    [Fact]
    public void STRATA4401_in_a_named_vector()
    {
        _project.Write("db/qdrant/schema/0001_documents.json", "{ \"collections\": [ { \"name\": \"d\", \"vectors\": {\n \"text\": { \"size\": 4, \"distance\": \"Dot\" },\n \"image\": { \"size\": 70000, \"distance\": \"Dot\" } } } ] }");
        _project.Run(("qdrant", "qdrant")).ShouldReport("STRATA4401", "db/qdrant/schema/0001_documents.json", 3, 21);
    }

    [Fact]
    public void STRATA4015_qdrant_payload_index_type()
    {
        _project.Write("db/qdrant/schema/0001_documents.json", "{ \"collections\": [ { \"name\": \"d\", \"vectors\": { \"size\": 4, \"distance\": \"Dot\" },\n \"payload_indexes\": { \"t\": \"string\" } } ] }");
        _project.Run(("qdrant", "qdrant")).ShouldReport("STRATA4015", "db/qdrant/schema/0001_documents.json", 2, 28);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000000")]
    public void STRATA4501_chroma_dimension_out_of_range(string dimension)
    {
        _project.Write("db/chroma/schema/0001_documents.json", $"{{ \"collections\": [\n  {{ \"name\": \"documents\", \"dimension\": {dimension}, \"distance\": \"cosine\" }} ] }}");
        _project.Run(("chroma", "chroma")).ShouldReport("STRATA4501", "db/chroma/schema/0001_documents.json", 2, 39);
    }

    [Fact]
    public void STRATA4015_chroma_distance()
    {
        _project.Write("db/chroma/schema/0001_documents.json", "{ \"collections\": [\n  { \"name\": \"documents\", \"distance\": \"Cosine\" } ] }");
        _project.Run(("chroma", "chroma")).ShouldReport("STRATA4015", "db/chroma/schema/0001_documents.json", 2, 38);
    }
}
