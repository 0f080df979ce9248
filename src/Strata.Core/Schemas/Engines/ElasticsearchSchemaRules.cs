using System.Globalization;
using System.Text.RegularExpressions;
using Strata.Core.Diagnostics;
using Strata.Core.Docs;
using Strata.Core.Schemas.Json;
using Strata.Core.Schemas.Vectors;

namespace Strata.Core.Schemas.Engines;

/// <summary>
/// Elasticsearch (docs/schema-files.md): ILM policies, component and index templates, indices. Mappings are checked
/// only for field types and dense_vector settings; a policy or component template a template names must be defined in
/// some file of the datastore (checked once all files are read).
/// </summary>
internal sealed partial class ElasticsearchSchemaRules : JsonSchemaRules
{
    private static readonly string[] Top = ["ilmPolicies", "componentTemplates", "indexTemplates", "indices"];
    private static readonly string[] PolicyProperties = ["phases", "_meta"];
    private static readonly string[] PhaseProperties = ["min_age", "actions"];
    private static readonly string[] ComponentProperties = ["template", "version", "_meta", "deprecated"];
    private static readonly string[] IndexTemplateProperties =
        ["index_patterns", "composed_of", "priority", "template", "version", "_meta", "data_stream", "allow_auto_create", "ignore_missing_component_templates", "deprecated"];
    private static readonly string[] TemplateProperties = ["settings", "mappings", "aliases", "lifecycle"];
    private static readonly string[] IndexProperties = ["settings", "mappings", "aliases"];

    private readonly HashSet<string> _policies = new(StringComparer.Ordinal);
    private readonly HashSet<string> _components = new(StringComparer.Ordinal);
    private readonly List<(string Kind, string Name, string Owner, SourceLocation At)> _references = [];

    protected override void CheckRoot(JsonChecks checks, JObject root, DatastoreSchemaRun run)
    {
        checks.Allow(root, "an Elasticsearch schema file", Top);
        foreach (var policy in checks.Entries(root["ilmPolicies"], "ilmPolicies"))
        {
            _policies.Add(policy.Name);
            CheckPolicy(checks, policy, run);
        }

        foreach (var component in checks.Entries(root["componentTemplates"], "componentTemplates"))
        {
            _components.Add(component.Name);
            var path = "componentTemplates." + component.Name;
            if (checks.Object(component.Value, path) is { } body)
            {
                checks.Allow(body, path, ComponentProperties);
                CheckTemplate(checks, checks.Required(body, "template", path), path + ".template", $"component template '{component.Name}'", run);
            }
        }

        foreach (var template in checks.Entries(root["indexTemplates"], "indexTemplates"))
        {
            var path = "indexTemplates." + template.Name;
            if (checks.Object(template.Value, path) is { } body)
            {
                CheckIndexTemplate(checks, body, template.Name, path, run);
            }
        }

        foreach (var index in checks.Entries(root["indices"], "indices"))
        {
            var path = "indices." + index.Name;
            if (checks.Object(index.Value, path) is { } body)
            {
                checks.Allow(body, path, IndexProperties);
                CheckSettings(checks, body["settings"], path + ".settings", $"index '{index.Name}'");
                CheckMappings(checks, body["mappings"], path + ".mappings", $"index '{index.Name}'", run);
                checks.Object(body["aliases"], path + ".aliases");
            }
        }
    }

    public override void Finish(DatastoreSchemaRun run)
    {
        foreach (var (kind, name, owner, at) in _references)
        {
            var defined = kind == "ILM policy" ? _policies : _components;
            if (!defined.Contains(name))
            {
                var nearest = StringDistance.Nearest(name, defined);
                run.Diagnostics.Add(DiagnosticCatalog.ElasticUndefinedReference.Create(at, owner, kind, name, run.Datastore,
                    nearest is null ? "" : $" Did you mean '{nearest}'?"));
            }
        }
    }

    private void CheckIndexTemplate(JsonChecks checks, JObject body, string name, string path, DatastoreSchemaRun run)
    {
        checks.Allow(body, path, IndexTemplateProperties);
        var owner = $"index template '{name}'";
        switch (checks.Required(body, "index_patterns", path, " (the indices it applies to, e.g. [\"events-*\"])"))
        {
            case JString:
                break;
            case JArray patterns:
                for (int i = 0; i < patterns.Items.Count; i++)
                {
                    checks.String(patterns.Items[i], $"{path}.index_patterns[{i}]");
                }

                break;
            case { } other:
                checks.Report(DiagnosticCatalog.SchemaWrongType, other, path + ".index_patterns", "a string or an array of strings", other.Describe);
                break;
        }

        var optional = new HashSet<string>(StringComparer.Ordinal);
        if (checks.Array(body["ignore_missing_component_templates"], path + ".ignore_missing_component_templates") is { } ignored)
        {
            optional.UnionWith(ignored.Items.OfType<JString>().Select(s => s.Value));
        }

        if (checks.Array(body["composed_of"], path + ".composed_of") is { } components)
        {
            for (int i = 0; i < components.Items.Count; i++)
            {
                if (checks.String(components.Items[i], $"{path}.composed_of[{i}]") is { } component && !optional.Contains(component))
                {
                    _references.Add(("component template", component, owner, checks.At(components.Items[i])));
                }
            }
        }

        checks.Integer(body["priority"], path + ".priority");
        checks.Integer(body["version"], path + ".version");
        CheckTemplate(checks, body["template"], path + ".template", owner, run);
    }

    private void CheckTemplate(JsonChecks checks, JNode? node, string path, string owner, DatastoreSchemaRun run)
    {
        if (checks.Object(node, path) is not { } template)
        {
            return;
        }

        checks.Allow(template, path, TemplateProperties);
        CheckSettings(checks, template["settings"], path + ".settings", owner);
        CheckMappings(checks, template["mappings"], path + ".mappings", owner, run);
        checks.Object(template["aliases"], path + ".aliases");
    }

    /// <summary>index.lifecycle.name, written flat ("index.lifecycle.name") or nested, must name a policy of the datastore.</summary>
    private void CheckSettings(JsonChecks checks, JNode? node, string path, string owner)
    {
        if (checks.Object(node, path) is not { } settings)
        {
            return;
        }

        var lifecycle = settings["index.lifecycle.name"]
            ?? (settings["index"] as JObject)?["lifecycle.name"]
            ?? ((settings["index"] as JObject)?["lifecycle"] as JObject)?["name"]
            ?? (settings["lifecycle"] as JObject)?["name"];
        if (checks.String(lifecycle, path + ".index.lifecycle.name") is { } policy)
        {
            _references.Add(("ILM policy", policy, owner, checks.At(lifecycle!)));
        }
    }

    /// <summary>Field types and dense_vector settings, through properties, object/nested fields and multi-fields; no recursion.</summary>
    private static void CheckMappings(JsonChecks checks, JNode? node, string path, string owner, DatastoreSchemaRun run)
    {
        if (checks.Object(node, path) is not { } mappings)
        {
            return;
        }

        var pending = new Stack<(JNode? Properties, string Path, string Field)>();
        pending.Push((mappings["properties"], path + ".properties", ""));
        while (pending.Count > 0)
        {
            var (properties, at, prefix) = pending.Pop();
            foreach (var field in checks.Entries(properties, at))
            {
                var fieldPath = at + "." + field.Name;
                var name = prefix + field.Name;
                if (checks.Object(field.Value, fieldPath) is not { } definition)
                {
                    continue;
                }

                var type = checks.String(definition["type"], fieldPath + ".type");
                if (type is not null && !ElasticsearchFieldTypes.All.Contains(type, StringComparer.Ordinal))
                {
                    var nearest = StringDistance.Nearest(type, ElasticsearchFieldTypes.All);
                    checks.Report(DiagnosticCatalog.ElasticFieldType, definition["type"]!, name, type, nearest is null ? "" : $" Did you mean '{nearest}'?");
                }
                else if (type == "dense_vector")
                {
                    DenseVector(checks, definition, fieldPath, name, owner, run);
                }

                if (definition["properties"] is not null)
                {
                    pending.Push((definition["properties"], fieldPath + ".properties", name + "."));
                }

                if (definition["fields"] is not null)
                {
                    pending.Push((definition["fields"], fieldPath + ".fields", name + "."));
                }
            }
        }
    }

    private static void DenseVector(JsonChecks checks, JObject field, string path, string name, string owner, DatastoreSchemaRun run)
    {
        var dimsNode = field["dims"];
        var dims = checks.Integer(dimsNode, path + ".dims");
        if (dims is < 1 or > ElasticsearchFieldTypes.MaxDims)
        {
            checks.Report(DiagnosticCatalog.ElasticDenseVector, dimsNode!, name, $"dims is {dims}, outside 1 to {ElasticsearchFieldTypes.MaxDims}");
            dims = null;
        }

        var similarityNode = field["similarity"];
        var similarity = checks.String(similarityNode, path + ".similarity");
        if (similarity is not null && !ElasticsearchFieldTypes.Similarities.Contains(similarity, StringComparer.Ordinal))
        {
            checks.Report(DiagnosticCatalog.ElasticDenseVector, similarityNode!, name,
                $"similarity '{similarity}' is not one of {string.Join(", ", ElasticsearchFieldTypes.Similarities)}");
            similarity = null;
        }

        var embedding = checks.String((checks.Object(field["meta"], path + ".meta"))?["embedding"], path + ".meta.embedding") ?? "default";
        if (dims is not null || similarity is not null)
        {
            run.Vectors.Define(run.Key(owner, name), new VectorDefinition(embedding, dims, similarity is null ? null : VectorDistances.Parse(similarity),
                $"Elasticsearch dense_vector '{name}' of {owner} (datastore {run.Datastore})", checks.At(dimsNode ?? field)));
        }
    }

    private static void CheckPolicy(JsonChecks checks, JProperty policy, DatastoreSchemaRun run)
    {
        var path = "ilmPolicies." + policy.Name;
        if (checks.Object(policy.Value, path) is not { } body)
        {
            return;
        }

        checks.Allow(body, path, PolicyProperties);
        foreach (var phase in checks.Entries(checks.Required(body, "phases", path), path + ".phases"))
        {
            var phasePath = $"{path}.phases.{phase.Name}";
            if (!ElasticsearchFieldTypes.IlmPhases.Contains(phase.Name, StringComparer.Ordinal))
            {
                checks.Report(DiagnosticCatalog.ElasticIlmPhase, phase.NameOffset, policy.Name,
                    $"'{phase.Name}' is not an ILM phase (one of {string.Join(", ", ElasticsearchFieldTypes.IlmPhases)})");
                continue;
            }

            if (checks.Object(phase.Value, phasePath) is not { } body2)
            {
                continue;
            }

            checks.Allow(body2, phasePath, PhaseProperties);
            checks.Object(body2["actions"], phasePath + ".actions");
            TimeSpan? minAge = TimeSpan.Zero;
            var minAgeNode = body2["min_age"];
            if (checks.String(minAgeNode, phasePath + ".min_age") is { } text)
            {
                minAge = ParseTime(text);
                if (minAge is null)
                {
                    checks.Report(DiagnosticCatalog.ElasticIlmPhase, minAgeNode!, policy.Name,
                        $"min_age '{text}' of phase '{phase.Name}' is not a time value (a whole number with d, h, m, s, ms, micros or nanos, e.g. 30d)");
                }
            }

            if (phase.Name == "delete" && minAge is { } age && run.Retention is { } retention && retention.Length != age)
            {
                checks.Report(DiagnosticCatalog.ElasticIlmRetention, minAgeNode ?? phase.Value, policy.Name,
                    age == TimeSpan.Zero ? "immediately" : IsoDuration.Humanize(age), (minAgeNode as JString)?.Value ?? "0ms", retention.DocFile, retention.Describe);
            }
        }
    }

    /// <summary>An Elasticsearch time value (30d, 12h, 500ms), or null.</summary>
    internal static TimeSpan? ParseTime(string text)
    {
        var match = TimeValue().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        double ticks = match.Groups[2].Value switch
        {
            "d" => n * (double)TimeSpan.TicksPerDay,
            "h" => n * (double)TimeSpan.TicksPerHour,
            "m" => n * (double)TimeSpan.TicksPerMinute,
            "s" => n * (double)TimeSpan.TicksPerSecond,
            "ms" => n * (double)TimeSpan.TicksPerMillisecond,
            "micros" => n * 10.0,
            _ => n / 100.0,
        };
        return ticks > TimeSpan.MaxValue.Ticks ? null : TimeSpan.FromTicks((long)ticks);
    }

    [GeneratedRegex(@"^([0-9]{1,12})(d|h|m|s|ms|micros|nanos)$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeValue();
}
