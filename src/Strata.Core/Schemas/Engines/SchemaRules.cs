using Strata.Core.Catalog;

namespace Strata.Core.Schemas.Engines;

/// <summary>
/// One engine's rules (docs/schema-files.md). A new instance per datastore: it may keep state across the files,
/// which it sees in version order, and check what spans them in <see cref="Finish"/>.
/// </summary>
internal abstract class SchemaRules
{
    /// <summary>The extension of the engine's schema files, with its dot.</summary>
    public virtual string Extension => ".json";

    public abstract void Check(SchemaFile file, DatastoreSchemaRun run);

    public virtual void Finish(DatastoreSchemaRun run)
    {
    }

    public static SchemaRules? For(EngineDescriptor engine) => engine.Id switch
    {
        "mongodb" => new MongoSchemaRules(),
        "neo4j" => new Neo4jSchemaRules(),
        "elasticsearch" => new ElasticsearchSchemaRules(),
        "qdrant" => new QdrantSchemaRules(),
        "chroma" => new ChromaSchemaRules(),
        "redis" => new RedisSchemaRules(),
        _ => null,
    };
}
