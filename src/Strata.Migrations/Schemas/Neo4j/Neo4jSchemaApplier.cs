using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Strata.Migrations.Schemas.Http;

namespace Strata.Migrations.Schemas.Neo4j;

/// <summary>
/// Applies Neo4j .cypher schema files over the HTTP API (Neo4j 5): each statement is its own
/// <c>POST /db/&lt;database&gt;/tx/commit</c> (Neo4j does not mix schema and data changes in one transaction), with basic
/// authentication. The endpoint answers 200 with an <c>errors</c> list; a statement's error is reported at its line
/// in the file (Neo4j's "line n, column m" is counted from the statement's first line). History:
/// <c>(:StrataSchemaHistory)</c> nodes, one per file, their <c>version</c> unique by a constraint.
/// </summary>
public sealed partial class Neo4jSchemaApplier : SchemaApplier
{
    public const string HistoryLabel = "StrataSchemaHistory";

    internal const string ReadHistory =
        "MATCH (h:StrataSchemaHistory) RETURN h.version AS version, h.description AS description, h.checksum AS checksum, toString(h.appliedAt) AS appliedAt, h.durationMs AS durationMs ORDER BY h.version";

    internal const string HistoryConstraint =
        "CREATE CONSTRAINT strata_schema_history_version IF NOT EXISTS FOR (h:StrataSchemaHistory) REQUIRE h.version IS UNIQUE";

    internal const string RecordHistory =
        "CREATE (:StrataSchemaHistory {version: $version, description: $description, checksum: $checksum, appliedAt: datetime($appliedAt), durationMs: $durationMs})";

    private readonly string commit;

    public Neo4jSchemaApplier(Uri endpoint, SchemaApplierOptions? options = null)
        : base("neo4j", options)
    {
        var basic = StoreClient.Basic(endpoint, Options);
        commit = $"/db/{StoreClient.Segment(Options.Database ?? "neo4j")}/tx/commit";
        Client = new StoreClient(endpoint, Options, "Neo4j", request => request.Headers.Authorization = basic, ErrorText);
    }

    private protected override StoreClient Client { get; }

    private protected override async Task<IReadOnlyList<SchemaHistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(ReadHistory, null, 0, cancellationToken).ConfigureAwait(false);
        var entries = new List<SchemaHistoryEntry>();
        foreach (var data in result?["results"]?[0]?["data"]?.AsArray() ?? new JsonArray())
        {
            var row = data?["row"];
            entries.Add(new SchemaHistoryEntry(
                SchemaJson.String(row?[0]) ?? string.Empty,
                SchemaJson.String(row?[1]) ?? string.Empty,
                SchemaJson.String(row?[2]) ?? string.Empty,
                DateTimeOffset.TryParse(SchemaJson.String(row?[3]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : default,
                SchemaJson.Integer(row?[4]) ?? 0));
        }

        return entries;
    }

    private protected override object Prepare(SchemaBundleFile file)
    {
        var statements = CypherStatementSplitter.Split(file.Content);
        return statements.Count > 0 ? statements : throw SchemaJson.Malformed(file, "it has no statement");
    }

    private protected override async Task EnsureHistoryAsync(CancellationToken cancellationToken) =>
        await RunAsync(HistoryConstraint, null, 0, cancellationToken).ConfigureAwait(false);

    private protected override async Task ApplyFileAsync(SchemaBundleFile file, object plan, CancellationToken cancellationToken)
    {
        foreach (var statement in (List<CypherStatement>)plan)
        {
            await RunAsync(statement.Text, null, statement.Line, cancellationToken).ConfigureAwait(false);
        }
    }

    private protected override async Task RecordAsync(SchemaHistoryEntry entry, CancellationToken cancellationToken)
    {
        var parameters = new JsonObject
        {
            ["version"] = entry.Version,
            ["description"] = entry.Description,
            ["checksum"] = entry.Checksum,
            ["appliedAt"] = entry.AppliedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["durationMs"] = entry.DurationMs,
        };
        await RunAsync(RecordHistory, parameters, 0, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One statement in one transaction; <paramref name="line"/> is its first line in the file (0: not from a file).</summary>
    private async Task<JsonNode?> RunAsync(string statement, JsonObject? parameters, int line, CancellationToken cancellationToken)
    {
        var entry = new JsonObject { ["statement"] = statement };
        if (parameters is not null)
        {
            entry["parameters"] = parameters;
        }

        var body = new JsonObject { ["statements"] = new JsonArray(entry) };
        var response = (await Client.SendAsync(HttpMethod.Post, commit, body, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        var json = response.Json();
        if (json?["errors"] is JsonArray { Count: > 0 } errors)
        {
            var message = ErrorText(json) ?? errors.ToJsonString();
            var failure = response.Failure(message + " in statement '" + Shorten(statement) + "'");
            var at = Position().Match(SchemaJson.String(errors[0]?["message"]) ?? string.Empty);
            var fileLine = line <= 0 ? (int?)null : at.Success ? line + int.Parse(at.Groups[1].Value, CultureInfo.InvariantCulture) - 1 : line;
            throw new StoreCallException(failure.Message, failure.Status) { Line = fileLine };
        }

        return json;
    }

    /// <summary>Neo4j's error body: <c>{"errors": [{"code": "Neo.ClientError...", "message": "..."}]}</c>.</summary>
    private static string? ErrorText(JsonNode? body)
    {
        var error = body?["errors"]?[0];
        if (error is null)
        {
            return null;
        }

        var message = SchemaJson.String(error["message"])?.ReplaceLineEndings(" ");
        return $"{SchemaJson.String(error["code"])}: {message}";
    }

    private static string Shorten(string statement)
    {
        var oneLine = statement.ReplaceLineEndings(" ");
        return oneLine.Length <= 120 ? oneLine : oneLine[..120] + "...";
    }

    [GeneratedRegex(@"\(line (\d+), column \d+")]
    private static partial Regex Position();
}
