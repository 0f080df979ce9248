using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Strata.Migrations.Errors;
using Strata.Migrations.Schemas.Http;

namespace Strata.Migrations.Schemas.Qdrant;

/// <summary>
/// Applies Qdrant schema files over the REST API (1.12): <c>GET /collections/&lt;name&gt;</c>; missing:
/// <c>PUT /collections/&lt;name&gt;</c>; present with the same vectors: <c>PATCH /collections/&lt;name&gt;</c> with the HNSW,
/// quantization and payload-storage settings; present with another vector size or distance: STRATA5104 (Qdrant cannot
/// change them). Then <c>PUT /collections/&lt;name&gt;/index</c> per payload index, and <c>DELETE</c> per dropped collection.
/// History: points of the collection <c>strata_schema_history</c> (a one-dimensional vector, the record in the payload).
/// </summary>
public sealed class QdrantSchemaApplier : SchemaApplier
{
    public const string HistoryCollection = "strata_schema_history";

    private static readonly string[] StrataProperties = ["name", "payload_indexes", "embedding"];

    private bool historyExists;

    public QdrantSchemaApplier(Uri endpoint, SchemaApplierOptions? options = null)
        : base("qdrant", options)
    {
        var apiKey = Options.ApiKey;
        Client = new StoreClient(endpoint, Options, "Qdrant", request =>
        {
            if (apiKey is not null)
            {
                request.Headers.TryAddWithoutValidation("api-key", apiKey);
            }
        }, body => SchemaJson.String(body?["status"]?["error"]));
    }

    private protected override StoreClient Client { get; }

    private protected override async Task<IReadOnlyList<SchemaHistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        var entries = new List<SchemaHistoryEntry>();
        JsonNode? offset = null;
        do
        {
            var body = new JsonObject { ["limit"] = 1000, ["with_payload"] = true, ["with_vector"] = false };
            if (offset is not null)
            {
                body["offset"] = offset.DeepClone();
            }

            var response = (await Client.SendAsync(HttpMethod.Post, $"/collections/{HistoryCollection}/points/scroll", body, cancellationToken).ConfigureAwait(false))
                .EnsureSuccess(allowNotFound: true);
            if (response.IsNotFound)
            {
                return [];
            }

            historyExists = true;
            var result = response.Json()?["result"];
            foreach (var point in result?["points"]?.AsArray() ?? new JsonArray())
            {
                var payload = point?["payload"];
                entries.Add(new SchemaHistoryEntry(
                    SchemaJson.String(payload?["version"]) ?? string.Empty,
                    SchemaJson.String(payload?["description"]) ?? string.Empty,
                    SchemaJson.String(payload?["checksum"]) ?? string.Empty,
                    DateTimeOffset.TryParse(SchemaJson.String(payload?["applied_at"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : default,
                    SchemaJson.Integer(payload?["duration_ms"]) ?? 0));
            }

            offset = result?["next_page_offset"];
        }
        while (offset is not null);

        return entries;
    }

    private protected override object Prepare(SchemaBundleFile file)
    {
        var root = SchemaJson.ParseObject(file);
        var collections = new List<Collection>();
        foreach (var node in SchemaJson.Array(file, root, "collections"))
        {
            if (node is not JsonObject collection)
            {
                throw SchemaJson.Malformed(file, "an entry of 'collections' is not an object", SchemaJson.LineOf(file, "collections"));
            }

            var name = SchemaJson.RequiredString(file, collection, "name");
            var vectors = collection["vectors"] as JsonObject ?? throw SchemaJson.Malformed(file, $"collection '{name}' has no 'vectors' object", SchemaJson.LineOf(file, name));
            var indexes = new List<(string Field, JsonNode? Schema)>();
            foreach (var (field, schema) in SchemaJson.Object(file, collection, "payload_indexes") ?? new JsonObject())
            {
                indexes.Add((field, schema?.DeepClone()));
            }

            collections.Add(new Collection(name, Shape(vectors), SchemaJson.Without(collection, StrataProperties), indexes, SchemaJson.LineOf(file, name)));
        }

        var drops = SchemaJson.Array(file, root, "dropCollections").Select(n => SchemaJson.String(n)
            ?? throw SchemaJson.Malformed(file, "an entry of 'dropCollections' is not a string", SchemaJson.LineOf(file, "dropCollections"))).ToList();
        return new Plan(collections, drops);
    }

    private protected override async Task EnsureHistoryAsync(CancellationToken cancellationToken)
    {
        if (historyExists)
        {
            return;
        }

        var body = new JsonObject { ["vectors"] = new JsonObject { ["size"] = 1, ["distance"] = "Dot" } };
        (await Client.SendAsync(HttpMethod.Put, "/collections/" + HistoryCollection, body, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        historyExists = true;
    }

    private protected override async Task ApplyFileAsync(SchemaBundleFile file, object plan, CancellationToken cancellationToken)
    {
        var (collections, drops) = (Plan)plan;

        // Every collection of the file is checked before the file changes anything.
        var existing = new List<StoreResponse>();
        foreach (var collection in collections)
        {
            var found = (await Client.GetAsync(PathOf(collection.Name), cancellationToken).ConfigureAwait(false)).EnsureSuccess(allowNotFound: true);
            var current = found.IsNotFound ? null : found.Json()?["result"]?["config"]?["params"]?["vectors"] as JsonObject;
            var have = current is null ? "unknown" : Shape(current);
            if (!found.IsNotFound && have != collection.Vectors)
            {
                throw new MigrationException(
                    MigrationErrors.UnchangeableSetting,
                    $"Schema file {file.Version} '{file.Description}' gives Qdrant collection '{collection.Name}' the vectors {collection.Vectors}, but it exists with {have}. " +
                    "Qdrant cannot change a collection's vector size or distance: create a collection with a new name (and move the data), or restore the vectors. Nothing of this file was changed.",
                    file.Path,
                    collection.Line,
                    file.Version);
            }

            existing.Add(found);
        }

        for (var i = 0; i < collections.Count; i++)
        {
            var collection = collections[i];
            var path = PathOf(collection.Name);
            if (existing[i].IsNotFound)
            {
                (await Client.SendAsync(HttpMethod.Put, path, collection.Body.DeepClone(), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
            }
            else
            {
                var patch = new JsonObject();
                foreach (var setting in new[] { "hnsw_config", "quantization_config", "optimizers_config" })
                {
                    if (collection.Body[setting] is { } value)
                    {
                        patch[setting] = value.DeepClone();
                    }
                }

                if (collection.Body["on_disk_payload"] is { } onDisk)
                {
                    patch["params"] = new JsonObject { ["on_disk_payload"] = onDisk.DeepClone() };
                }

                if (patch.Count > 0)
                {
                    (await Client.SendAsync(HttpMethod.Patch, path, patch, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
                }
            }

            foreach (var (field, schema) in collection.Indexes)
            {
                var body = new JsonObject { ["field_name"] = field, ["field_schema"] = schema?.DeepClone() };
                (await Client.SendAsync(HttpMethod.Put, path + "/index?wait=true", body, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
            }
        }

        foreach (var name in drops)
        {
            (await Client.SendAsync(HttpMethod.Delete, PathOf(name), null, cancellationToken).ConfigureAwait(false)).EnsureSuccess(allowNotFound: true);
        }
    }

    private protected override async Task RecordAsync(SchemaHistoryEntry entry, CancellationToken cancellationToken)
    {
        var point = new JsonObject
        {
            ["id"] = PointId(entry.Version),
            ["vector"] = new JsonArray(JsonValue.Create(0)),
            ["payload"] = new JsonObject
            {
                ["version"] = entry.Version,
                ["description"] = entry.Description,
                ["checksum"] = entry.Checksum,
                ["applied_at"] = entry.AppliedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["duration_ms"] = entry.DurationMs,
            },
        };
        var body = new JsonObject { ["points"] = new JsonArray(point) };
        (await Client.SendAsync(HttpMethod.Put, $"/collections/{HistoryCollection}/points?wait=true", body, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }

    private static string PathOf(string collection) => "/collections/" + StoreClient.Segment(collection);

    /// <summary>A point id: the version as an unsigned integer, or (beyond 64 bits) a UUID made from its hash.</summary>
    internal static JsonNode PointId(string version)
    {
        if (ulong.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("strata:" + version));
        return JsonValue.Create(new Guid(hash.AsSpan(0, 16)).ToString())!;
    }

    /// <summary>"1536/Cosine", or "body=1536/Cosine, title=384/Dot" for named vectors, in name order: what must not change.</summary>
    private static string Shape(JsonObject vectors)
    {
        if (vectors.ContainsKey("size"))
        {
            return $"{vectors["size"]?.ToJsonString()}/{SchemaJson.String(vectors["distance"])}";
        }

        return string.Join(", ", vectors
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => $"{v.Key}={v.Value?["size"]?.ToJsonString()}/{SchemaJson.String(v.Value?["distance"])}"));
    }

    private sealed record Collection(string Name, string Vectors, JsonObject Body, List<(string Field, JsonNode? Schema)> Indexes, int? Line);

    private sealed record Plan(List<Collection> Collections, List<string> Drops);
}
