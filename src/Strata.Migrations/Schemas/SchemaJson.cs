using System.Text.Json;
using System.Text.Json.Nodes;
using Strata.Migrations.Errors;

namespace Strata.Migrations.Schemas;

/// <summary>Reads a schema file's JSON the way the build checked it: strict JSON plus <c>//</c> and <c>/* */</c> comments.</summary>
internal static class SchemaJson
{
    public static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        MaxDepth = 256,
    };

    public static JsonObject ParseObject(SchemaBundleFile file)
    {
        try
        {
            return JsonNode.Parse(file.Content, nodeOptions: null, DocumentOptions) as JsonObject
                ?? throw Malformed(file, "its content is not a JSON object", line: 1);
        }
        catch (JsonException ex)
        {
            throw Malformed(file, "its content is not valid JSON: " + ex.Message, (int?)ex.LineNumber + 1);
        }
    }

    public static MigrationException Malformed(SchemaBundleFile file, string detail, int? line = null) => new(
        MigrationErrors.MalformedSchemaBundle,
        $"Schema file {file.Version} '{file.Description}' cannot be applied: {detail}. The build checks schema files; rebuild the service with the Strata.Sdk that matches Strata.Migrations.",
        file.Path,
        line,
        file.Version);

    /// <summary>An object property that must be an object when present.</summary>
    public static JsonObject? Object(SchemaBundleFile file, JsonObject parent, string name) => parent[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw Malformed(file, $"'{name}' is not an object", LineOf(file, name)),
    };

    /// <summary>An array property that must be an array when present (empty when absent).</summary>
    public static JsonArray Array(SchemaBundleFile file, JsonObject parent, string name) => parent[name] switch
    {
        null => [],
        JsonArray a => a,
        _ => throw Malformed(file, $"'{name}' is not an array", LineOf(file, name)),
    };

    public static string RequiredString(SchemaBundleFile file, JsonObject parent, string name) =>
        parent[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : throw Malformed(file, $"'{name}' is missing or not a string", LineOf(file, name));

    public static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Integer(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        return v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) ? n : null;
    }

    /// <summary>A copy of <paramref name="source"/> without the named properties (Strata's own, which the store does not know).</summary>
    public static JsonObject Without(JsonObject source, params string[] names)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (!names.Contains(key, StringComparer.Ordinal))
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    /// <summary>The 1-based line of the first <c>"text"</c> in the file, so a message points near what it is about.</summary>
    public static int? LineOf(SchemaBundleFile file, string text)
    {
        var at = file.Content.IndexOf('"' + text + '"', StringComparison.Ordinal);
        return at < 0 ? null : file.Content.AsSpan(0, at).Count('\n') + 1;
    }
}
