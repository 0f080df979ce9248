using Strata.Core.Diagnostics;
using Strata.Core.Schemas.Json;
using Strata.Core.Schemas.Vectors;

namespace Strata.Core.Schemas.Engines;

/// <summary>Qdrant (docs/schema-files.md): collections with one or several named vectors, payload indexes.</summary>
internal sealed class QdrantSchemaRules : JsonSchemaRules
{
    private static readonly string[] Top = ["collections", "dropCollections"];
    private static readonly string[] CollectionProperties = ["name", "vectors", "hnsw_config", "quantization_config", "on_disk_payload", "payload_indexes", "embedding"];
    private static readonly string[] VectorProperties = ["size", "distance", "on_disk", "hnsw_config", "quantization_config", "datatype", "multivector_config"];
    private static readonly string[] HnswProperties = ["m", "ef_construct", "full_scan_threshold", "max_indexing_threads", "on_disk", "payload_m"];
    private static readonly string[] QuantizationKinds = ["scalar", "product", "binary"];
    private static readonly string[] Distances = ["Cosine", "Euclid", "Dot", "Manhattan"];
    private static readonly string[] PayloadTypes = ["keyword", "integer", "float", "bool", "geo", "datetime", "text", "uuid"];

    public const int MaxSize = 65536;

    protected override void CheckRoot(JsonChecks checks, JObject root, DatastoreSchemaRun run)
    {
        checks.Allow(root, "a Qdrant schema file", Top);
        foreach (var (collection, path, name) in Collections(checks, root, CollectionProperties))
        {
            var embedding = checks.String(collection["embedding"], path + ".embedding");
            if (checks.Object(checks.Required(collection, "vectors", path), path + ".vectors") is { } vectors)
            {
                if (vectors["size"] is not null || vectors["distance"] is not null)
                {
                    Vector(checks, vectors, path + ".vectors", name, null, embedding ?? "default", run);
                }
                else
                {
                    foreach (var named in vectors.Properties)
                    {
                        if (checks.Object(named.Value, $"{path}.vectors.{named.Name}") is { } parameters)
                        {
                            Vector(checks, parameters, $"{path}.vectors.{named.Name}", name, named.Name, embedding ?? named.Name, run);
                        }
                    }
                }
            }

            Hnsw(checks, collection["hnsw_config"], path + ".hnsw_config");
            Quantization(checks, collection["quantization_config"], path + ".quantization_config");
            checks.Bool(collection["on_disk_payload"], path + ".on_disk_payload");
            foreach (var index in checks.Entries(collection["payload_indexes"], path + ".payload_indexes"))
            {
                checks.OneOf(index.Value, $"{path}.payload_indexes.{index.Name}", PayloadTypes);
            }
        }

        if (checks.Array(root["dropCollections"], "dropCollections") is { } drops)
        {
            for (int i = 0; i < drops.Items.Count; i++)
            {
                if (checks.String(drops.Items[i], $"dropCollections[{i}]") is { } dropped)
                {
                    run.Vectors.Drop(run.Key("collection", dropped));
                    run.Vectors.DropPrefix(run.Key("collection", dropped) + "/");
                }
            }
        }
    }

    private static void Vector(JsonChecks checks, JObject vector, string path, string? collection, string? vectorName, string embedding, DatastoreSchemaRun run)
    {
        checks.Allow(vector, path, VectorProperties);
        var sizeNode = checks.Required(vector, "size", path);
        var size = checks.Integer(sizeNode, path + ".size");
        if (size is < 1 or > MaxSize)
        {
            checks.Report(DiagnosticCatalog.QdrantVectorSize, sizeNode!, size, collection ?? path);
            size = null;
        }

        var distance = checks.OneOf(checks.Required(vector, "distance", path), path + ".distance", Distances);
        Hnsw(checks, vector["hnsw_config"], path + ".hnsw_config");
        Quantization(checks, vector["quantization_config"], path + ".quantization_config");
        checks.Bool(vector["on_disk"], path + ".on_disk");
        if (collection is not null && (size is not null || distance is not null))
        {
            var key = run.Key("collection", collection) + (vectorName is null ? "" : "/" + vectorName);
            var what = vectorName is null
                ? $"Qdrant collection '{collection}' (datastore {run.Datastore})"
                : $"Qdrant vector '{vectorName}' of collection '{collection}' (datastore {run.Datastore})";
            run.Vectors.Define(key, new VectorDefinition(embedding, size, distance is null ? null : VectorDistances.Parse(distance), what, checks.At(sizeNode ?? vector)));
        }
    }

    private static void Hnsw(JsonChecks checks, JNode? node, string path)
    {
        if (checks.Object(node, path) is { } hnsw)
        {
            checks.Allow(hnsw, path, HnswProperties);
        }
    }

    private static void Quantization(JsonChecks checks, JNode? node, string path)
    {
        if (checks.Object(node, path) is { } quantization)
        {
            checks.Allow(quantization, path, QuantizationKinds);
        }
    }
}
