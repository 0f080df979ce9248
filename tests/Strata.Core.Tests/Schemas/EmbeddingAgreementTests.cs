namespace Strata.Core.Tests.Schemas;

/// <summary>STRATA4901/4902: one embedding, one size and one distance, across pgvector, Qdrant, Chroma, Elasticsearch and Neo4j.</summary>
public sealed class EmbeddingAgreementTests : IDisposable
{
    private const string Migration = "db/main/migrations/0001_items.sql";
    private const string Qdrant = "db/qdrant/schema/0001_documents.json";
    private const string Chroma = "db/chroma/schema/0001_documents.json";
    private readonly SchemaProject _project = new();

    public void Dispose() => _project.Dispose();

    private SchemaProject PgVector(int dims, string ops = "vector_cosine_ops") => _project.Write(Migration, $"""
        CREATE EXTENSION IF NOT EXISTS vector;
        CREATE TABLE items (
            id        BIGINT PRIMARY KEY,
            embedding vector({dims}) NOT NULL
        );
        -- an index on the column gives its distance
        CREATE INDEX ix_items_embedding ON items USING hnsw (embedding {ops});
        """);

    private SchemaProject QdrantCollection(int size, string distance = "Cosine", string embedding = "") => _project.Write(Qdrant,
        $"{{ \"collections\": [\n  {{ \"name\": \"documents\", \"vectors\": {{ \"size\": {size}, \"distance\": \"{distance}\" }}{embedding} }} ] }}");

    private SchemaProject ChromaCollection(int dimension, string distance = "cosine") => _project.Write(Chroma,
        $"{{ \"collections\": [\n  {{ \"name\": \"documents\", \"dimension\": {dimension}, \"distance\": \"{distance}\" }} ] }}");

    private Strata.Core.Schemas.SchemaBuildResult Run() => _project.Run(("main", "postgres"), ("qdrant", "qdrant"), ("chroma", "chroma"));

    [Fact]
    public void Agreeing_pgvector_qdrant_and_chroma_are_clean()
    {
        PgVector(1536);
        QdrantCollection(1536);
        ChromaCollection(1536);
        Run().ShouldBeClean();
    }

    [Fact]
    public void STRATA4901_qdrant_disagrees_with_pgvector_reported_at_qdrant_naming_the_column()
    {
        PgVector(1536);
        QdrantCollection(768);
        var d = Run().ShouldReport("STRATA4901", Qdrant, 2, 47);
        d.Message.ShouldContain("pgvector column 'items.embedding' (datastore main)");
        d.Message.ShouldContain(Migration + ", line 4");
        d.Message.ShouldContain("768");
        d.Message.ShouldContain("1536");
    }

    [Fact]
    public void STRATA4901_chroma_disagrees_with_qdrant()
    {
        QdrantCollection(1536);
        ChromaCollection(384);
        Run().ShouldReport("STRATA4901", Chroma, 2, 39).Message.ShouldContain("Qdrant collection 'documents'");
    }

    [Fact]
    public void STRATA4902_distance_disagrees_with_the_pgvector_index()
    {
        PgVector(1536, "vector_l2_ops");
        QdrantCollection(1536, "Cosine");
        var d = Run().ShouldReport("STRATA4902", Qdrant, 2, 47);
        d.Message.ShouldContain("cosine");
        d.Message.ShouldContain("Euclidean");
    }

    [Fact]
    public void Equivalent_distance_names_agree()
    {
        PgVector(8, "vector_ip_ops");
        QdrantCollection(8, "Dot");
        ChromaCollection(8, "ip");
        Run().ShouldBeClean();
    }

    [Fact]
    public void A_different_embedding_is_not_compared()
    {
        PgVector(1536);
        QdrantCollection(768, embedding: ", \"embedding\": \"small\"");
        Run().ShouldBeClean();
    }

    [Fact]
    public void A_collection_dropped_by_a_later_file_no_longer_counts()
    {
        PgVector(1536);
        QdrantCollection(768);
        _project.Write("db/qdrant/schema/0002_drop.json", "{ \"dropCollections\": [\"documents\"] }");
        Run().ShouldBeClean();
    }

    [Fact]
    public void Elasticsearch_and_neo4j_vectors_take_part()
    {
        QdrantCollection(1536);
        _project.Write("db/search/schema/0001_index.json", "{ \"indices\": { \"docs\": { \"mappings\": { \"properties\": {\n \"v\": { \"type\": \"dense_vector\", \"dims\": 1536, \"similarity\": \"cosine\" } } } } } }");
        _project.Write("db/graph/schema/0001_index.cypher", "CREATE VECTOR INDEX chunks IF NOT EXISTS FOR (c:Chunk) ON (c.e)\n OPTIONS { indexConfig: { `vector.dimensions`: 1024, `vector.similarity_function`: 'cosine' } };");
        _project.Run(("qdrant", "qdrant"), ("search", "elasticsearch"), ("graph", "neo4j"))
            .ShouldReport("STRATA4901", "db/graph/schema/0001_index.cypher", 2, 48).Message.ShouldContain("1024");
    }

    [Fact]
    public void Elasticsearch_meta_embedding_names_the_embedding()
    {
        QdrantCollection(1536);
        _project.Write("db/search/schema/0001_index.json", "{ \"indices\": { \"docs\": { \"mappings\": { \"properties\": {\n \"v\": { \"type\": \"dense_vector\", \"dims\": 3, \"meta\": { \"embedding\": \"tiny\" } } } } } } }");
        _project.Run(("qdrant", "qdrant"), ("search", "elasticsearch")).ShouldBeClean();
    }

    [Fact]
    public void Pgvector_alone_is_not_scanned_without_a_schema_file_store()
    {
        PgVector(1536);
        _project.Write("db/main/migrations/0002_more.sql", "ALTER TABLE items ADD COLUMN other vector(3);");
        _project.Run(("main", "postgres")).ShouldBeClean();
    }
}
