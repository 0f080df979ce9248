using System.Text.Json.Nodes;

namespace Strata.Tests.Shared.SchemaFakes;

/// <summary>
/// Qdrant 1.12 as far as the applier uses it, with state: collections (GET 404 "doesn't exist", PUT creates, PATCH
/// updates, DELETE), payload indexes, points upsert and scroll (404 on a missing collection).
/// </summary>
public sealed class FakeQdrant
{
    public Dictionary<string, JsonObject> Collections { get; } = [];

    public Dictionary<string, List<JsonObject>> Points { get; } = [];

    public Func<RecordedRequest, FakeResponse?>? Override { get; set; }

    public FakeResponse Handle(RecordedRequest request)
    {
        if (Override?.Invoke(request) is { } injected)
        {
            return injected;
        }

        var segments = request.Path.Split('?')[0].Trim('/').Split('/');
        if (segments is not ["collections", var name, ..])
        {
            return Error(404, $"unexpected request {request.Method} {request.Path}");
        }

        if (request.Method != "PUT" || segments.Length != 2)
        {
            if (!Collections.ContainsKey(name))
            {
                return Error(404, $"Not found: Collection `{name}` doesn't exist!");
            }
        }

        switch (request.Method, segments[2..])
        {
            case ("GET", []):
                var config = Collections[name];
                return Result(new JsonObject
                {
                    ["status"] = "green",
                    ["config"] = new JsonObject
                    {
                        ["params"] = new JsonObject { ["vectors"] = config["vectors"]?.DeepClone(), ["shard_number"] = 1, ["on_disk_payload"] = config["on_disk_payload"]?.DeepClone() ?? true },
                        ["hnsw_config"] = config["hnsw_config"]?.DeepClone() ?? new JsonObject { ["m"] = 16, ["ef_construct"] = 100 },
                        ["quantization_config"] = config["quantization_config"]?.DeepClone(),
                    },
                    ["payload_schema"] = new JsonObject(),
                });
            case ("PUT", []):
                if (Collections.ContainsKey(name))
                {
                    return Error(409, $"Wrong input: Collection `{name}` already exists!");
                }

                Collections[name] = request.Json!.AsObject();
                Points[name] = [];
                return Result(true);
            case ("PATCH", []):
                foreach (var (key, value) in request.Json!.AsObject())
                {
                    Collections[name][key] = value?.DeepClone();
                }

                return Result(true);
            case ("DELETE", []):
                Collections.Remove(name);
                return Result(true);
            case ("PUT", ["index"]):
                return Result(new JsonObject { ["operation_id"] = 1, ["status"] = "completed" });
            case ("PUT", ["points"]):
                foreach (var point in request.Json!["points"]!.AsArray())
                {
                    Points[name].Add(point!.AsObject().DeepClone().AsObject());
                }

                return Result(new JsonObject { ["operation_id"] = 2, ["status"] = "completed" });
            case ("POST", ["points", "scroll"]):
                var points = new JsonArray([.. Points[name].Select(p => (JsonNode)new JsonObject { ["id"] = p["id"]?.DeepClone(), ["payload"] = p["payload"]?.DeepClone() })]);
                return Result(new JsonObject { ["points"] = points, ["next_page_offset"] = null });
            default:
                return Error(404, $"unexpected request {request.Method} {request.Path}");
        }
    }

    public static FakeResponse Error(int status, string message) =>
        new(status, new JsonObject { ["status"] = new JsonObject { ["error"] = message }, ["time"] = 0.0001 });

    private static FakeResponse Result(JsonNode? result) =>
        FakeResponse.Ok(new JsonObject { ["result"] = result, ["status"] = "ok", ["time"] = 0.0001 });
}
