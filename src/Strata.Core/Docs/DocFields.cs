using YamlDotNet.RepresentationModel;

namespace Strata.Core.Docs;

/// <summary>What kind of value a front-matter field holds; decides which rules look at it.</summary>
internal enum FieldKind
{
    /// <summary>Free text (a YAML scalar).</summary>
    Text,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>public | internal | confidential | restricted.</summary>
    Classification,

    /// <summary>An ISO-8601 duration such as PT24H.</summary>
    Duration,

    /// <summary>hourly | daily | weekly | ... | an ISO-8601 duration | a 5-field cron expression.</summary>
    Schedule,

    /// <summary>An ISO-8601 duration, "90 days" style, or "indefinite".</summary>
    Period,

    /// <summary>One path, relative to the project, that must be an existing file.</summary>
    FilePath,

    /// <summary>One path or a list of paths, relative to the project, that must exist.</summary>
    PathList,

    /// <summary>A nested mapping of further fields.</summary>
    Mapping,
}

/// <summary>One front-matter field. <see cref="Path"/> is the dotted name used in messages (backup.rpo).</summary>
internal sealed record DocField(string Path, FieldKind Kind, bool Required, IReadOnlyList<DocField>? Children = null)
{
    public string Name => Path[(Path.LastIndexOf('.') + 1)..];
}

/// <summary>The front-matter format, in one table. docs/datastore-docs.md documents the same fields.</summary>
internal static class DocFields
{
    public static readonly IReadOnlyList<string> Classifications = ["public", "internal", "confidential", "restricted"];

    public static readonly IReadOnlyList<DocField> Root =
    [
        new("datastore", FieldKind.Text, Required: true),
        new("engine", FieldKind.Text, Required: true),
        new("owner", FieldKind.Text, Required: true),
        new("purpose", FieldKind.Text, Required: true),
        new("classification", FieldKind.Classification, Required: false),
        new("pii", FieldKind.Boolean, Required: false),
        new("schema", FieldKind.Mapping, Required: true,
        [
            new("schema.location", FieldKind.PathList, Required: true),
        ]),
        new("backup", FieldKind.Mapping, Required: true,
        [
            new("backup.method", FieldKind.Text, Required: true),
            new("backup.schedule", FieldKind.Schedule, Required: true),
            new("backup.script", FieldKind.FilePath, Required: false),
            new("backup.rpo", FieldKind.Duration, Required: true),
            new("backup.rto", FieldKind.Duration, Required: true),
            new("backup.restore-tested", FieldKind.Schedule, Required: false),
        ]),
        new("retention", FieldKind.Mapping, Required: true,
        [
            new("retention.period", FieldKind.Period, Required: true),
            new("retention.mechanism", FieldKind.Text, Required: true),
        ]),
    ];

    /// <summary>Every field, depth first (parents before children).</summary>
    public static IEnumerable<DocField> All => Flatten(Root);

    /// <summary>Fields whose names start with this prefix are extensions and never reported as unknown.</summary>
    public const string ExtensionPrefix = "x-";

    private static IEnumerable<DocField> Flatten(IEnumerable<DocField> fields)
    {
        foreach (var field in fields)
        {
            yield return field;
            if (field.Children is not null)
            {
                foreach (var child in Flatten(field.Children))
                {
                    yield return child;
                }
            }
        }
    }

    /// <summary>The key node and value node of a field, if every mapping on the way is present.</summary>
    public static (YamlScalarNode Key, YamlNode Value)? Find(YamlMappingNode root, string path)
    {
        YamlMappingNode mapping = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var entry = Entry(mapping, parts[i]);
            if (entry is null)
            {
                return null;
            }

            if (i == parts.Length - 1)
            {
                return entry;
            }

            if (entry.Value.Value is not YamlMappingNode inner)
            {
                return null;
            }

            mapping = inner;
        }

        return null;
    }

    /// <summary>The value of a field when it is a scalar; null when missing or of another type (STRATA1017 reports that).</summary>
    public static YamlScalarNode? Scalar(YamlMappingNode root, string path) => Find(root, path)?.Value as YamlScalarNode;

    public static (YamlScalarNode Key, YamlNode Value)? Entry(YamlMappingNode mapping, string name)
    {
        foreach (var pair in mapping.Children)
        {
            if (pair.Key is YamlScalarNode key && key.Value == name)
            {
                return (key, pair.Value);
            }
        }

        return null;
    }

    /// <summary>True for a null or blank value (<c>purpose:</c>, <c>purpose: ""</c>, <c>purpose: ~</c>).</summary>
    public static bool IsEmpty(YamlScalarNode scalar) =>
        string.IsNullOrWhiteSpace(scalar.Value) || (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is "~" or "null" or "Null" or "NULL");

    /// <summary>"a mapping", "a list", "a text value" — for messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode scalar when IsEmpty(scalar) => "empty",
        YamlScalarNode scalar => $"'{Shorten(scalar.Value ?? string.Empty)}'",
        _ => "an unsupported YAML node",
    };

    public static string Shorten(string value)
    {
        var firstLine = value.Split('\n')[0].Trim();
        return firstLine.Length <= 60 && firstLine.Length == value.Trim().Length ? firstLine : firstLine[..Math.Min(60, firstLine.Length)] + "...";
    }
}
