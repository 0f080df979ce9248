using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Strata.Migrations.Errors;
using Strata.Migrations.Schemas.Http;

namespace Strata.Migrations.Schemas.Chroma;

/// <summary>
/// Applies Chroma schema files over the v2 REST API (Chroma 1.0), under
/// <c>/api/v2/tenants/&lt;tenant&gt;/databases/&lt;database&gt;/collections</c>: <c>GET .../&lt;name&gt;</c>; missing:
/// <c>POST .../collections</c> with the metadata (plus <c>strata:dimension</c>) and the HNSW configuration; present:
/// <c>PUT .../&lt;id&gt;</c> with the new metadata and <c>ef_search</c>, the one HNSW setting Chroma changes in place. A
/// changed distance, dimension, <c>ef_construction</c> or <c>max_neighbors</c> is refused (STRATA5104).
/// History: records of the collection <c>strata_schema_history</c> (id = version, the record in the metadata).
/// </summary>
public sealed class ChromaSchemaApplier : SchemaApplier
{
    public const string HistoryCollection = "strata_schema_history";
    public const string DimensionKey = "strata:dimension";
    public const string EmbeddingKey = "strata:embedding";

    private readonly string collections;
    private string? historyId;

    public ChromaSchemaApplier(Uri endpoint, SchemaApplierOptions? options = null)
        : base("chroma", options)
    {
        var token = Options.ApiKey;
        collections = $"/api/v2/tenants/{StoreClient.Segment(Options.Tenant ?? "default_tenant")}/databases/{StoreClient.Segment(Options.Database ?? "default_database")}/collections";
        Client = new StoreClient(endpoint, Options, "Chroma", request =>
        {
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }, body => SchemaJson.String(body?["message"]) ?? SchemaJson.String(body?["error"]));
    }

    private protected override StoreClient Client { get; }

    private protected override async Task<IReadOnlyList<SchemaHistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        var collection = (await Client.GetAsync($"{collections}/{HistoryCollection}", cancellationToken).ConfigureAwait(false)).EnsureSuccess(allowNotFound: true);
        if (collection.IsNotFound)
        {
            return [];
        }

        historyId = SchemaJson.String(collection.Json()?["id"]) ?? throw collection.Failure("the answer has no collection id");
        var body = new JsonObject { ["include"] = new JsonArray("metadatas") };
        var records = (await Client.SendAsync(HttpMethod.Post, $"{collections}/{historyId}/get", body, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var entries = new List<SchemaHistoryEntry>();
        foreach (var metadata in records.Json()?["metadatas"]?.AsArray() ?? new JsonArray())
        {
            entries.Add(new SchemaHistoryEntry(
                SchemaJson.String(metadata?["version"]) ?? string.Empty,
                SchemaJson.String(metadata?["description"]) ?? string.Empty,
                SchemaJson.String(metadata?["checksum"]) ?? string.Empty,
                DateTimeOffset.TryParse(SchemaJson.String(metadata?["applied_at"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : default,
                SchemaJson.Integer(metadata?["duration_ms"]) ?? 0));
        }

        return entries;
    }

    private protected override object Prepare(SchemaBundleFile file)
    {
        var root = SchemaJson.ParseObject(file);
        var list = new List<Collection>();
        foreach (var node in SchemaJson.Array(file, root, "collections"))
        {
            if (node is not JsonObject collection)
            {
                throw SchemaJson.Malformed(file, "an entry of 'collections' is not an object", SchemaJson.LineOf(file, "collections"));
            }

            var name = SchemaJson.RequiredString(file, collection, "name");
            var dimension = SchemaJson.Integer(collection["dimension"]) ?? throw SchemaJson.Malformed(file, $"collection '{name}' has no integer 'dimension'", SchemaJson.LineOf(file, name));
            var distance = SchemaJson.RequiredString(file, collection, "distance");
            var metadata = SchemaJson.Object(file, collection, "metadata")?.DeepClone().AsObject() ?? new JsonObject();
            metadata[DimensionKey] = dimension;
            if (SchemaJson.String(collection["embedding"]) is { } embedding)
            {
                metadata[EmbeddingKey] = embedding;
            }

            var hnsw = SchemaJson.Object(file, collection, "hnsw");
            list.Add(new Collection(name, dimension, distance, hnsw, metadata, SchemaJson.LineOf(file, name)));
        }

        var drops = SchemaJson.Array(file, root, "dropCollections").Select(n => SchemaJson.String(n)
            ?? throw SchemaJson.Malformed(file, "an entry of 'dropCollections' is not a string", SchemaJson.LineOf(file, "dropCollections"))).ToList();
        return new Plan(list, drops);
    }

    private protected override async Task EnsureHistoryAsync(CancellationToken cancellationToken)
    {
        if (historyId is not null)
        {
            return;
        }

        var body = new JsonObject { ["name"] = HistoryCollection, ["get_or_create"] = true };
        var created = (await Client.SendAsync(HttpMethod.Post, collections, body, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        historyId = SchemaJson.String(created.Json()?["id"]) ?? throw created.Failure("the answer has no collection id");
    }

    private protected override async Task ApplyFileAsync(SchemaBundleFile file, object plan, CancellationToken cancellationToken)
    {
        var (list, drops) = (Plan)plan;

        // Every collection of the file is checked before the file changes anything.
        var existing = new List<JsonNode?>();
        foreach (var collection in list)
        {
            var found = (await Client.GetAsync($"{collections}/{StoreClient.Segment(collection.Name)}", cancellationToken).ConfigureAwait(false)).EnsureSuccess(allowNotFound: true);
            var current = found.IsNotFound ? null : found.Json() ?? throw found.Failure("the answer is not JSON");
            if (current is not null)
            {
                _ = SchemaJson.String(current["id"]) ?? throw found.Failure("the answer has no collection id");
                Refuse(file, collection, Unchangeable(collection, current));
            }

            existing.Add(current);
        }

        for (var i = 0; i < list.Count; i++)
        {
            var collection = list[i];
            if (existing[i] is not { } current)
            {
                var configuration = new JsonObject { ["space"] = collection.Distance };
                foreach (var (key, value) in collection.Hnsw ?? new JsonObject())
                {
                    configuration[key] = value?.DeepClone();
                }

                var body = new JsonObject
                {
                    ["name"] = collection.Name,
                    ["metadata"] = collection.Metadata.DeepClone(),
                    ["configuration"] = new JsonObject { ["hnsw"] = configuration },
                    ["get_or_create"] = false,
                };
                (await Client.SendAsync(HttpMethod.Post, collections, body, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
                continue;
            }

            var update = new JsonObject { ["new_metadata"] = collection.Metadata.DeepClone() };
            if (collection.Hnsw?["ef_search"] is { } efSearch)
            {
                update["new_configuration"] = new JsonObject { ["hnsw"] = new JsonObject { ["ef_search"] = efSearch.DeepClone() } };
            }

            (await Client.SendAsync(HttpMethod.Put, $"{collections}/{SchemaJson.String(current["id"])}", update, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        }

        foreach (var name in drops)
        {
            (await Client.SendAsync(HttpMethod.Delete, $"{collections}/{StoreClient.Segment(name)}", null, cancellationToken).ConfigureAwait(false)).EnsureSuccess(allowNotFound: true);
        }
    }

    private protected override async Task RecordAsync(SchemaHistoryEntry entry, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject
        {
            ["version"] = entry.Version,
            ["description"] = entry.Description,
            ["checksum"] = entry.Checksum,
            ["applied_at"] = entry.AppliedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["duration_ms"] = entry.DurationMs,
        };
        var body = new JsonObject
        {
            ["ids"] = new JsonArray(entry.Version),
            ["embeddings"] = new JsonArray(new JsonArray(JsonValue.Create(0))),
            ["metadatas"] = new JsonArray(metadata),
        };
        (await Client.SendAsync(HttpMethod.Post, $"{collections}/{historyId}/add", body, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }

    /// <summary>What the file asks for that the existing collection has otherwise and Chroma cannot change.</summary>
    private static List<string> Unchangeable(Collection wanted, JsonNode? current)
    {
        var differences = new List<string>();
        var hnsw = current?["configuration_json"]?["hnsw"];
        if (SchemaJson.String(hnsw?["space"]) is { } space && space != wanted.Distance)
        {
            differences.Add($"distance {space} -> {wanted.Distance}");
        }

        if (SchemaJson.Integer(current?["metadata"]?[DimensionKey]) is { } dimension && dimension != wanted.Dimension)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"dimension {dimension} -> {wanted.Dimension}"));
        }

        foreach (var key in new[] { "ef_construction", "max_neighbors" })
        {
            if (SchemaJson.Integer(wanted.Hnsw?[key]) is { } want && SchemaJson.Integer(hnsw?[key]) is { } have && want != have)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"{key} {have} -> {want}"));
            }
        }

        return differences;
    }

    private static void Refuse(SchemaBundleFile file, Collection collection, List<string> differences)
    {
        if (differences.Count > 0)
        {
            throw new MigrationException(
                MigrationErrors.UnchangeableSetting,
                $"Schema file {file.Version} '{file.Description}' changes Chroma collection '{collection.Name}' in ways Chroma cannot apply to an existing collection ({string.Join(", ", differences)}). " +
                "Create a collection with a new name (and move the data), or restore the settings. Nothing of this file was changed.",
                file.Path,
                collection.Line,
                file.Version);
        }
    }

    private sealed record Collection(string Name, long Dimension, string Distance, JsonObject? Hnsw, JsonObject Metadata, int? Line);

    private sealed record Plan(List<Collection> Collections, List<string> Drops);
}
