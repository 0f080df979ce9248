using System.Text.Json.Nodes;

namespace Strata.Tests.Shared.SchemaFakes;

/// <summary>
/// Neo4j 5's HTTP transactional endpoint (POST /db/neo4j/tx/commit) as far as the applier uses it, with state: the
/// history nodes (read by the MATCH, written by the CREATE with parameters) and the schema statements run. Like Neo4j,
/// it answers 200 with an "errors" list; a statement containing BROKEN fails with a syntax error on its second line.
/// </summary>
public sealed class FakeNeo4j
{
    public List<JsonObject> History { get; } = [];

    public List<string> SchemaStatements { get; } = [];

    public Func<RecordedRequest, FakeResponse?>? Override { get; set; }

    public FakeResponse Handle(RecordedRequest request)
    {
        if (Override?.Invoke(request) is { } injected)
        {
            return injected;
        }

        if (request.Method != "POST" || request.Path != "/db/neo4j/tx/commit")
        {
            return new FakeResponse(404, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = "Neo.ClientError.Request.Invalid", ["message"] = "not found" }) });
        }

        var statements = request.Json!["statements"]!.AsArray();
        var results = new JsonArray();
        foreach (var entry in statements)
        {
            var statement = entry!["statement"]!.GetValue<string>();
            if (statement.Contains("BROKEN", StringComparison.Ordinal))
            {
                return Errors("Neo.ClientError.Statement.SyntaxError", "Invalid input 'BROKEN': expected 'FOR' (line 2, column 3 (offset: 40))\n\"  BROKEN\"\n   ^");
            }

            if (statement.StartsWith("MATCH (h:StrataSchemaHistory)", StringComparison.Ordinal))
            {
                var data = new JsonArray([.. History.Select(h => (JsonNode)new JsonObject
                {
                    ["row"] = new JsonArray(h["version"]!.DeepClone(), h["description"]!.DeepClone(), h["checksum"]!.DeepClone(), h["appliedAt"]!.DeepClone(), h["durationMs"]!.DeepClone()),
                    ["meta"] = new JsonArray(null, null, null, null, null),
                })]);
                results.Add(new JsonObject { ["columns"] = new JsonArray("version", "description", "checksum", "appliedAt", "durationMs"), ["data"] = data });
            }
            else if (statement.StartsWith("CREATE (:StrataSchemaHistory", StringComparison.Ordinal))
            {
                History.Add(entry["parameters"]!.DeepClone().AsObject());
                results.Add(new JsonObject { ["columns"] = new JsonArray(), ["data"] = new JsonArray() });
            }
            else
            {
                SchemaStatements.Add(statement);
                results.Add(new JsonObject { ["columns"] = new JsonArray(), ["data"] = new JsonArray() });
            }
        }

        return FakeResponse.Ok(new JsonObject { ["results"] = results, ["errors"] = new JsonArray() });
    }

    public static FakeResponse Errors(string code, string message) => FakeResponse.Ok(new JsonObject
    {
        ["results"] = new JsonArray(),
        ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }),
    });
}
