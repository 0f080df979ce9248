using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Schemas;

namespace Strata.Core.Tests.Schemas;

/// <summary>The schema files strata-service ships (one per engine) pass every STRATA4xxx rule, the cross-store check included.</summary>
public sealed class TemplateSchemaFilesTests
{
    [Fact]
    public void The_service_templates_schema_files_are_clean_and_bundled()
    {
        var root = Path.Combine(Docs.DocsCatalogTests.RepoRoot(), "templates", "content", "strata-service");
        var datastores = new (string Name, EngineDescriptor Engine)[]
        {
            ("main", EngineCatalog.Postgres), ("MONGODB_DATASTORE", EngineCatalog.MongoDb), ("NEO4J_DATASTORE", EngineCatalog.Neo4j),
            ("ELASTICSEARCH_DATASTORE", EngineCatalog.Elasticsearch), ("QDRANT_DATASTORE", EngineCatalog.Qdrant),
            ("CHROMA_DATASTORE", EngineCatalog.Chroma), ("REDIS_DATASTORE", EngineCatalog.Redis),
        };
        var result = SchemaBuild.Run(new SchemaBuildRequest(root, [.. datastores.Select(d => new DatastoreDeclaration(d.Name, d.Engine))]));

        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        result.Bundles.Count.ShouldBe(6);
        result.Bundles.ShouldAllBe(b => b.Files.Count > 0);
    }
}
