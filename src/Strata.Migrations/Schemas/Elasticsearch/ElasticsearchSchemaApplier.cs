using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Strata.Migrations.Schemas.Http;

namespace Strata.Migrations.Schemas.Elasticsearch;

/// <summary>
/// Applies Elasticsearch schema files over the REST API (8.x): <c>PUT /_ilm/policy/&lt;name&gt;</c>,
/// <c>PUT /_component_template/&lt;name&gt;</c>, <c>PUT /_index_template/&lt;name&gt;</c>, and per index
/// <c>HEAD /&lt;index&gt;</c> then <c>PUT /&lt;index&gt;</c> (missing) or <c>PUT /&lt;index&gt;/_mapping</c> (present).
/// History: one document per file in the index <c>strata_schema_history</c>, written with <c>_create</c> so a version
/// is never recorded twice.
/// </summary>
public sealed class ElasticsearchSchemaApplier : SchemaApplier
{
    public const string HistoryIndex = "strata_schema_history";

    private bool historyExists;

    public ElasticsearchSchemaApplier(Uri endpoint, SchemaApplierOptions? options = null)
        : base("elasticsearch", options)
    {
        var basic = StoreClient.Basic(endpoint, Options);
        var apiKey = Options.ApiKey;
        Client = new StoreClient(endpoint, Options, "Elasticsearch", request =>
        {
            request.Headers.Authorization = basic ?? (apiKey is null ? null : new AuthenticationHeaderValue("ApiKey", apiKey));
        }, ErrorText);
    }

    private protected override StoreClient Client { get; }

    private protected override async Task<IReadOnlyList<SchemaHistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        var response = (await Client.GetAsync($"/{HistoryIndex}/_search?size=10000", cancellationToken).ConfigureAwait(false)).EnsureSuccess(allowNotFound: true);
        historyExists = !response.IsNotFound;
        if (!historyExists)
        {
            return [];
        }

        var entries = new List<SchemaHistoryEntry>();
        foreach (var hit in response.Json()?["hits"]?["hits"]?.AsArray() ?? new JsonArray())
        {
            var source = hit?["_source"];
            entries.Add(new SchemaHistoryEntry(
                SchemaJson.String(source?["version"]) ?? string.Empty,
                SchemaJson.String(source?["description"]) ?? string.Empty,
                SchemaJson.String(source?["checksum"]) ?? string.Empty,
                DateTimeOffset.TryParse(SchemaJson.String(source?["applied_at"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : default,
                SchemaJson.Integer(source?["duration_ms"]) ?? 0));
        }

        return entries;
    }

    private protected override object Prepare(SchemaBundleFile file)
    {
        var root = SchemaJson.ParseObject(file);
        var steps = new List<Step>();
        foreach (var (name, policy) in SchemaJson.Object(file, root, "ilmPolicies") ?? new JsonObject())
        {
            steps.Add(new Step(HttpMethod.Put, $"/_ilm/policy/{StoreClient.Segment(name)}", new JsonObject { ["policy"] = policy?.DeepClone() }));
        }

        foreach (var (name, body) in SchemaJson.Object(file, root, "componentTemplates") ?? new JsonObject())
        {
            steps.Add(new Step(HttpMethod.Put, $"/_component_template/{StoreClient.Segment(name)}", body?.DeepClone()));
        }

        foreach (var (name, body) in SchemaJson.Object(file, root, "indexTemplates") ?? new JsonObject())
        {
            steps.Add(new Step(HttpMethod.Put, $"/_index_template/{StoreClient.Segment(name)}", body?.DeepClone()));
        }

        foreach (var (name, body) in SchemaJson.Object(file, root, "indices") ?? new JsonObject())
        {
            if (body is not JsonObject index)
            {
                throw SchemaJson.Malformed(file, $"index '{name}' is not an object", SchemaJson.LineOf(file, name));
            }

            steps.Add(new Step(HttpMethod.Head, "/" + StoreClient.Segment(name), index.DeepClone(), IsIndex: true));
        }

        return steps;
    }

    private protected override async Task EnsureHistoryAsync(CancellationToken cancellationToken)
    {
        if (historyExists)
        {
            return;
        }

        var body = new JsonObject
        {
            ["settings"] = new JsonObject { ["number_of_shards"] = 1, ["auto_expand_replicas"] = "0-1" },
            ["mappings"] = new JsonObject
            {
                ["dynamic"] = "strict",
                ["properties"] = new JsonObject
                {
                    ["version"] = new JsonObject { ["type"] = "keyword" },
                    ["description"] = new JsonObject { ["type"] = "keyword" },
                    ["checksum"] = new JsonObject { ["type"] = "keyword" },
                    ["applied_at"] = new JsonObject { ["type"] = "date" },
                    ["duration_ms"] = new JsonObject { ["type"] = "long" },
                },
            },
        };
        (await Client.SendAsync(HttpMethod.Put, "/" + HistoryIndex, body, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        historyExists = true;
    }

    private protected override async Task ApplyFileAsync(SchemaBundleFile file, object plan, CancellationToken cancellationToken)
    {
        foreach (var step in (List<Step>)plan)
        {
            if (!step.IsIndex)
            {
                (await Client.SendAsync(step.Method, step.Path, step.Body, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
                continue;
            }

            var exists = (await Client.SendAsync(HttpMethod.Head, step.Path, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess(allowNotFound: true);
            if (exists.IsNotFound)
            {
                (await Client.SendAsync(HttpMethod.Put, step.Path, step.Body, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
            }
            else if (step.Body?["mappings"] is JsonObject mappings)
            {
                (await Client.SendAsync(HttpMethod.Put, step.Path + "/_mapping", mappings.DeepClone(), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
            }
        }
    }

    private protected override async Task RecordAsync(SchemaHistoryEntry entry, CancellationToken cancellationToken)
    {
        var document = new JsonObject
        {
            ["version"] = entry.Version,
            ["description"] = entry.Description,
            ["checksum"] = entry.Checksum,
            ["applied_at"] = entry.AppliedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["duration_ms"] = entry.DurationMs,
        };
        var response = await Client.SendAsync(HttpMethod.Put, $"/{HistoryIndex}/_create/{StoreClient.Segment(entry.Version)}?refresh=true", document, cancellationToken).ConfigureAwait(false);
        if (response.Status == 409)
        {
            throw response.Failure($"version {entry.Version} is already in {HistoryIndex}: another applier recorded it meanwhile");
        }

        response.EnsureSuccess();
    }

    /// <summary>Elasticsearch's error body: <c>{"error": {"type": ..., "reason": ...}, "status": ...}</c>.</summary>
    private static string? ErrorText(JsonNode? body)
    {
        var error = body?["error"];
        if (error is JsonObject o)
        {
            var type = SchemaJson.String(o["type"]);
            var reason = SchemaJson.String(o["reason"]);
            return type is null ? reason : $"{type}: {reason}";
        }

        return SchemaJson.String(error);
    }

    private sealed record Step(HttpMethod Method, string Path, JsonNode? Body, bool IsIndex = false);
}
