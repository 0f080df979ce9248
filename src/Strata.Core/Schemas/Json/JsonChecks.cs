using Strata.Core.Diagnostics;
using Strata.Core.Docs;

namespace Strata.Core.Schemas.Json;

/// <summary>
/// The checks every JSON schema file shares, reported at the offending node: unknown properties (a typo must not be
/// ignored), required properties, value types and allowed values. Paths in messages read like
/// <c>collections[0].vectors.size</c>.
/// </summary>
internal sealed class JsonChecks(string file, Utf8Lines lines, List<Diagnostic> diagnostics)
{
    public string File { get; } = file;

    public List<Diagnostic> Diagnostics { get; } = diagnostics;

    public SourceLocation At(int offset)
    {
        var (line, column) = lines.Position(offset);
        return SourceLocation.At(File, line, column);
    }

    public SourceLocation At(JNode node) => At(node.Offset);

    public int Line(int offset) => lines.Position(offset).Line;

    public void Report(DiagnosticDescriptor descriptor, int offset, params object?[] args) => Diagnostics.Add(descriptor.Create(At(offset), args));

    public void Report(DiagnosticDescriptor descriptor, JNode node, params object?[] args) => Report(descriptor, node.Offset, args);

    /// <summary>STRATA4011 for every property not in <paramref name="allowed"/>, with the nearest allowed name as a hint.</summary>
    public void Allow(JObject obj, string where, params string[] allowed)
    {
        foreach (var property in obj.Properties)
        {
            if (System.Array.IndexOf(allowed, property.Name) < 0)
            {
                var nearest = StringDistance.Nearest(property.Name, allowed);
                Report(DiagnosticCatalog.SchemaUnknownProperty, property.NameOffset, property.Name, where,
                    nearest is null ? "" : $" (did you mean '{nearest}'?)", string.Join(", ", allowed));
            }
        }
    }

    /// <summary>The property's value, or STRATA4013 at the object.</summary>
    public JNode? Required(JObject obj, string name, string what, string hint = "")
    {
        var value = obj[name];
        if (value is null)
        {
            Report(DiagnosticCatalog.SchemaRequiredProperty, obj, what, name, hint);
        }

        return value;
    }

    public T? As<T>(JNode? node, string path, string expected)
        where T : JNode
    {
        if (node is null or T)
        {
            return node as T;
        }

        Report(DiagnosticCatalog.SchemaWrongType, node, path, expected, node.Describe);
        return null;
    }

    public JObject? Object(JNode? node, string path) => As<JObject>(node, path, "an object");

    public JArray? Array(JNode? node, string path) => As<JArray>(node, path, "an array");

    public string? String(JNode? node, string path) => As<JString>(node, path, "a string")?.Value;

    public bool? Bool(JNode? node, string path) => As<JBool>(node, path, "true or false")?.Value;

    /// <summary>An integer (no fraction), or STRATA4014. Range checks are the caller's (they carry engine codes).</summary>
    public long? Integer(JNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is JNumber number && number.TryInteger(out var value))
        {
            return value;
        }

        Report(DiagnosticCatalog.SchemaWrongType, node, path, "an integer", node is JNumber n ? "the number " + n.Raw : node.Describe);
        return null;
    }

    public double? Number(JNode? node, string path) => As<JNumber>(node, path, "a number")?.Value;

    /// <summary>A string that is one of <paramref name="allowed"/> (ordinal), or STRATA4015 / STRATA4014.</summary>
    public string? OneOf(JNode? node, string path, IReadOnlyList<string> allowed)
    {
        var text = String(node, path);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            var nearest = StringDistance.Nearest(text, allowed);
            Report(DiagnosticCatalog.SchemaValueNotAllowed, node!, path, text, string.Join(", ", allowed), nearest is null ? "" : $" Did you mean '{nearest}'?");
            return null;
        }

        return text;
    }

    /// <summary>Each item of an array as an object (others are STRATA4014), with its path.</summary>
    public IEnumerable<(JObject Item, string Path)> Objects(JNode? node, string path)
    {
        if (Array(node, path) is not { } array)
        {
            yield break;
        }

        for (int i = 0; i < array.Items.Count; i++)
        {
            if (Object(array.Items[i], $"{path}[{i}]") is { } item)
            {
                yield return (item, $"{path}[{i}]");
            }
        }
    }

    /// <summary>Each property of an object (a map of names to definitions).</summary>
    public IEnumerable<JProperty> Entries(JNode? node, string path) => Object(node, path)?.Properties ?? [];
}
