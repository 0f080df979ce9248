using Strata.Core.Diagnostics;
using Strata.Core.Schemas.Json;
using Strata.Core.Schemas.Vectors;

namespace Strata.Core.Schemas.Engines;

/// <summary>Chroma (docs/schema-files.md): collections with a declared dimension, a distance, HNSW settings and metadata.</summary>
internal sealed class ChromaSchemaRules : JsonSchemaRules
{
    private static readonly string[] Top = ["collections"];
    private static readonly string[] CollectionProperties = ["name", "dimension", "distance", "hnsw", "metadata", "embedding"];
    private static readonly string[] HnswProperties = ["ef_construction", "ef_search", "max_neighbors", "num_threads", "resize_factor", "sync_threshold", "batch_size"];
    private static readonly string[] Distances = ["cosine", "l2", "ip"];

    public const int MaxDimension = 65536;

    protected override void CheckRoot(JsonChecks checks, JObject root, DatastoreSchemaRun run)
    {
        checks.Allow(root, "a Chroma schema file", Top);
        foreach (var (collection, path, name) in Collections(checks, root, CollectionProperties))
        {
            var dimensionNode = collection["dimension"];
            var dimension = checks.Integer(dimensionNode, path + ".dimension");
            if (dimension is < 1 or > MaxDimension)
            {
                checks.Report(DiagnosticCatalog.ChromaDimension, dimensionNode!, dimension, name ?? path);
                dimension = null;
            }

            var distance = checks.OneOf(collection["distance"], path + ".distance", Distances);
            if (checks.Object(collection["hnsw"], path + ".hnsw") is { } hnsw)
            {
                checks.Allow(hnsw, path + ".hnsw", HnswProperties);
                foreach (var setting in hnsw.Properties)
                {
                    checks.Number(setting.Value, $"{path}.hnsw.{setting.Name}");
                }
            }

            foreach (var entry in checks.Entries(collection["metadata"], path + ".metadata"))
            {
                if (entry.Value is not (JString or JNumber or JBool))
                {
                    checks.Report(DiagnosticCatalog.SchemaWrongType, entry.Value, $"{path}.metadata.{entry.Name}", "a string, number or true/false", entry.Value.Describe);
                }
            }

            var embedding = checks.String(collection["embedding"], path + ".embedding") ?? "default";
            if (name is not null && (dimension is not null || distance is not null))
            {
                run.Vectors.Define(run.Key("collection", name), new VectorDefinition(embedding, dimension, distance is null ? null : VectorDistances.Parse(distance),
                    $"Chroma collection '{name}' (datastore {run.Datastore})", checks.At(dimensionNode ?? collection)));
            }
        }
    }
}
