using System.Globalization;
using System.Text.Json.Nodes;

namespace Strata.Tests.Shared.SchemaFakes;

/// <summary>
/// Chroma 1.0's v2 API as far as the applier uses it, with state: collections by name (GET 404 NotFoundError),
/// created by POST (ids 00000000-0000-0000-0000-00000000000n), updated by PUT on the id, records added and read back.
/// </summary>
public sealed class FakeChroma
{
    public const string Base = "/api/v2/tenants/default_tenant/databases/default_database/collections";

    public Dictionary<string, JsonObject> Collections { get; } = [];

    public Dictionary<string, List<JsonObject>> Records { get; } = [];

    public Func<RecordedRequest, FakeResponse?>? Override { get; set; }

    public static string IdOf(int n) => $"00000000-0000-0000-0000-{n.ToString("D12", CultureInfo.InvariantCulture)}";

    public FakeResponse Handle(RecordedRequest request)
    {
        if (Override?.Invoke(request) is { } injected)
        {
            return injected;
        }

        if (!request.Path.StartsWith(Base, StringComparison.Ordinal))
        {
            return Error(404, "NotFoundError", $"unexpected request {request.Method} {request.Path}");
        }

        var rest = request.Path[Base.Length..].Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (request.Method, rest)
        {
            case ("POST", []):
                var body = request.Json!.AsObject();
                var name = body["name"]!.GetValue<string>();
                if (Collections.TryGetValue(name, out var present))
                {
                    return body["get_or_create"]?.GetValue<bool>() == true ? FakeResponse.Ok(present.DeepClone()) : Error(409, "UniqueConstraintError", $"Collection [{name}] already exists");
                }

                var hnsw = body["configuration"]?["hnsw"]?.DeepClone() ?? new JsonObject();
                hnsw["space"] ??= "l2";
                var collection = new JsonObject
                {
                    ["id"] = IdOf(Collections.Count + 1),
                    ["name"] = name,
                    ["configuration_json"] = new JsonObject { ["hnsw"] = hnsw, ["spann"] = null, ["embedding_function"] = null },
                    ["metadata"] = body["metadata"]?.DeepClone(),
                    ["dimension"] = null,
                    ["tenant"] = "default_tenant",
                    ["database"] = "default_database",
                };
                Collections[name] = collection;
                Records[IdOf(Collections.Count)] = [];
                return FakeResponse.Ok(collection.DeepClone());
            case ("GET", [var name2]):
                return Collections.TryGetValue(name2, out var found)
                    ? FakeResponse.Ok(found.DeepClone())
                    : Error(404, "NotFoundError", $"Collection [{name2}] does not exists");
            case ("PUT", [var id]):
                var target = Collections.Values.FirstOrDefault(c => c["id"]!.GetValue<string>() == id);
                if (target is null)
                {
                    return Error(404, "NotFoundError", $"Collection [{id}] does not exists");
                }

                target["metadata"] = request.Json!["new_metadata"]?.DeepClone();
                return FakeResponse.Ok(new JsonObject());
            case ("POST", [var id2, "add"]):
                foreach (var (recordId, index) in request.Json!["ids"]!.AsArray().Select((n, i) => (n!.GetValue<string>(), i)))
                {
                    Records[id2].Add(new JsonObject { ["id"] = recordId, ["metadata"] = request.Json!["metadatas"]![index]!.DeepClone() });
                }

                return new FakeResponse(201, new JsonObject());
            case ("POST", [var id3, "get"]):
                var records = Records[id3];
                return FakeResponse.Ok(new JsonObject
                {
                    ["ids"] = new JsonArray([.. records.Select(r => r["id"]!.DeepClone())]),
                    ["metadatas"] = new JsonArray([.. records.Select(r => r["metadata"]!.DeepClone())]),
                    ["include"] = new JsonArray("metadatas"),
                });
            default:
                return Error(404, "NotFoundError", $"unexpected request {request.Method} {request.Path}");
        }
    }

    public static FakeResponse Error(int status, string error, string message) =>
        new(status, new JsonObject { ["error"] = error, ["message"] = message });
}
