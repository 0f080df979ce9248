using System.Globalization;
using System.Text.Json.Nodes;

namespace Strata.Migrations.Schemas;

/// <summary>One applied schema file as the store's history keeps it; <see cref="Version"/> is normalized ("0002" is "2").</summary>
internal sealed record SchemaHistoryEntry(string Version, string Description, string Checksum, DateTimeOffset AppliedAt, long DurationMs)
{
    /// <summary>
    /// The entry as a JSON document (Elasticsearch, Qdrant, Chroma: snake_case; Neo4j's query parameters: camelCase),
    /// the time in UTC to the millisecond.
    /// </summary>
    public JsonObject ToJson(bool camelCase = false) => new()
    {
        ["version"] = Version,
        ["description"] = Description,
        ["checksum"] = Checksum,
        [camelCase ? "appliedAt" : "applied_at"] = AppliedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        [camelCase ? "durationMs" : "duration_ms"] = DurationMs,
    };

    /// <summary>The entry a store returned in the snake_case form of <see cref="ToJson"/>; missing fields read as empty.</summary>
    public static SchemaHistoryEntry FromJson(JsonNode? document) => new(
        SchemaJson.String(document?["version"]) ?? string.Empty,
        SchemaJson.String(document?["description"]) ?? string.Empty,
        SchemaJson.String(document?["checksum"]) ?? string.Empty,
        DateTimeOffset.TryParse(SchemaJson.String(document?["applied_at"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : default,
        SchemaJson.Integer(document?["duration_ms"]) ?? 0);
}
