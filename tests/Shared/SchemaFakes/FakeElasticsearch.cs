using System.Text.Json.Nodes;

namespace Strata.Tests.Shared.SchemaFakes;

/// <summary>
/// Elasticsearch 8 as far as the applier uses it, with state: indices (HEAD 200/404, PUT creates, 400
/// resource_already_exists_exception when present), _mapping, ILM policies, component and index templates, _search on
/// the history index (404 index_not_found_exception when missing) and _create (409 when the id exists).
/// </summary>
public sealed class FakeElasticsearch
{
    public Dictionary<string, JsonObject> Indices { get; } = [];

    public Dictionary<string, JsonObject> Documents { get; } = [];

    public Dictionary<string, JsonNode?> Templates { get; } = [];

    /// <summary>Answers a request before the fake does (an injected failure), or null.</summary>
    public Func<RecordedRequest, FakeResponse?>? Override { get; set; }

    public FakeResponse Handle(RecordedRequest request)
    {
        if (Override?.Invoke(request) is { } injected)
        {
            return injected;
        }

        var path = request.Path.Split('?')[0];
        var segments = path.Trim('/').Split('/');
        switch (request.Method, segments)
        {
            case ("GET", [var index, "_search"]):
                if (!Indices.ContainsKey(index))
                {
                    return Error(404, "index_not_found_exception", $"no such index [{index}]");
                }

                var hits = new JsonArray([.. Documents.Select(d => (JsonNode)new JsonObject { ["_index"] = index, ["_id"] = d.Key, ["_source"] = d.Value.DeepClone() })]);
                return FakeResponse.Ok(new JsonObject { ["hits"] = new JsonObject { ["total"] = new JsonObject { ["value"] = Documents.Count }, ["hits"] = hits } });
            case ("HEAD", [var index]):
                return new FakeResponse(Indices.ContainsKey(index) ? 200 : 404);
            case ("PUT", ["_ilm", "policy", _]):
            case ("PUT", ["_component_template", _]):
            case ("PUT", ["_index_template", _]):
                Templates[path] = request.Json;
                return Acknowledged();
            case ("PUT", [var index, "_create", var id]):
                if (!Documents.TryAdd(id, request.Json!.AsObject()))
                {
                    return Error(409, "version_conflict_engine_exception", $"[{id}]: version conflict, document already exists (current version [1])");
                }

                return new FakeResponse(201, new JsonObject { ["_index"] = index, ["_id"] = id, ["result"] = "created" });
            case ("PUT", [var index, "_mapping"]):
                return Indices.ContainsKey(index) ? Acknowledged() : Error(404, "index_not_found_exception", $"no such index [{index}]");
            case ("PUT", [var index]):
                if (!Indices.TryAdd(index, request.Json!.AsObject()))
                {
                    return Error(400, "resource_already_exists_exception", $"index [{index}/abc] already exists");
                }

                return FakeResponse.Ok(new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = index });
            default:
                return Error(400, "illegal_argument_exception", $"unexpected request {request.Method} {request.Path}");
        }
    }

    public static FakeResponse Error(int status, string type, string reason) => new(status, new JsonObject
    {
        ["error"] = new JsonObject { ["root_cause"] = new JsonArray(), ["type"] = type, ["reason"] = reason },
        ["status"] = status,
    });

    private static FakeResponse Acknowledged() => FakeResponse.Ok(new JsonObject { ["acknowledged"] = true });
}
