using Strata.Core.Diagnostics;
using Strata.Core.Docs;
using Strata.Core.Schemas.Json;

namespace Strata.Core.Schemas.Engines;

/// <summary>MongoDB (docs/schema-files.md): collections with one $jsonSchema validator, named indexes, TTL vs retention.</summary>
internal sealed class MongoSchemaRules : JsonSchemaRules
{
    private static readonly string[] Top = ["collections", "dropCollections"];
    private static readonly string[] CollectionProperties = ["name", "validator", "validationLevel", "validationAction", "indexes", "dropIndexes"];
    private static readonly string[] IndexProperties = ["name", "keys", "unique", "sparse", "expireAfterSeconds", "partialFilterExpression", "hidden"];
    private static readonly string[] ValidationLevels = ["off", "strict", "moderate"];
    private static readonly string[] ValidationActions = ["error", "warn"];
    private static readonly string[] KeyTypes = ["text", "2dsphere", "2d", "hashed"];

    /// <summary>MongoDB's type aliases ($type, bsonType).</summary>
    internal static readonly string[] BsonTypes =
    [
        "double", "string", "object", "array", "binData", "undefined", "objectId", "bool", "date", "null", "regex", "dbPointer",
        "javascript", "symbol", "javascriptWithScope", "int", "timestamp", "long", "decimal", "minKey", "maxKey", "number",
    ];

    /// <summary>$jsonSchema keywords whose value is a schema, a list of schemas, or a map of schemas.</summary>
    private static readonly string[] SubSchema = ["items", "additionalItems", "additionalProperties", "not"];
    private static readonly string[] SchemaLists = ["items", "allOf", "anyOf", "oneOf"];
    private static readonly string[] SchemaMaps = ["properties", "patternProperties", "dependencies"];

    protected override void CheckRoot(JsonChecks checks, JObject root, DatastoreSchemaRun run)
    {
        checks.Allow(root, "a MongoDB schema file", Top);
        foreach (var (collection, path, name) in Collections(checks, root, CollectionProperties))
        {
            if (name is null)
            {
                continue;
            }

            if (collection["validator"] is { } validator)
            {
                CheckValidator(checks, validator, name, path + ".validator");
            }

            checks.OneOf(collection["validationLevel"], path + ".validationLevel", ValidationLevels);
            checks.OneOf(collection["validationAction"], path + ".validationAction", ValidationActions);
            var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (index, indexPath) in checks.Objects(collection["indexes"], path + ".indexes"))
            {
                CheckIndex(checks, index, indexPath, indexes, run);
            }

            Strings(checks, collection["dropIndexes"], path + ".dropIndexes");
        }

        Strings(checks, root["dropCollections"], "dropCollections");
    }

    private static void Strings(JsonChecks checks, JNode? node, string path)
    {
        if (checks.Array(node, path) is { } list)
        {
            for (int i = 0; i < list.Items.Count; i++)
            {
                checks.String(list.Items[i], $"{path}[{i}]");
            }
        }
    }

    private static void CheckValidator(JsonChecks checks, JNode node, string collection, string path)
    {
        if (checks.Object(node, path) is not { } validator)
        {
            return;
        }

        if (validator.Properties.Count != 1 || validator.Properties[0].Name != "$jsonSchema")
        {
            var extra = validator.Properties.FirstOrDefault(p => p.Name != "$jsonSchema");
            checks.Report(DiagnosticCatalog.MongoValidatorShape, extra?.NameOffset ?? validator.Offset, collection,
                extra is null ? " (it is empty)" : $" (it also has '{extra.Name}'; query operators belong in $jsonSchema's terms)");
        }

        if (checks.Object(validator["$jsonSchema"], path + ".$jsonSchema") is { } schema)
        {
            CheckJsonSchema(checks, schema, path + ".$jsonSchema");
        }
    }

    /// <summary>
    /// Walks the $jsonSchema without recursion and checks only what docs/schema-files.md says: every bsonType is a
    /// MongoDB type alias. The rest of $jsonSchema is MongoDB's business.
    /// </summary>
    private static void CheckJsonSchema(JsonChecks checks, JObject root, string rootPath)
    {
        var pending = new Stack<(JObject Schema, string Path)>();
        pending.Push((root, rootPath));
        while (pending.Count > 0)
        {
            var (schema, path) = pending.Pop();
            foreach (var property in schema.Properties)
            {
                var at = path + "." + property.Name;
                if (property.Name == "bsonType")
                {
                    CheckBsonType(checks, property.Value, at);
                }
                else if (SubSchema.Contains(property.Name) && property.Value is JObject sub)
                {
                    pending.Push((sub, at));
                }
                else if (SchemaLists.Contains(property.Name) && property.Value is JArray list)
                {
                    for (int i = 0; i < list.Items.Count; i++)
                    {
                        if (list.Items[i] is JObject item)
                        {
                            pending.Push((item, $"{at}[{i}]"));
                        }
                    }
                }
                else if (SchemaMaps.Contains(property.Name) && property.Value is JObject map)
                {
                    foreach (var entry in map.Properties)
                    {
                        if (entry.Value is JObject item)
                        {
                            pending.Push((item, at + "." + entry.Name));
                        }
                    }
                }
            }
        }
    }

    private static void CheckBsonType(JsonChecks checks, JNode value, string path)
    {
        var names = value is JArray list ? list.Items : [value];
        foreach (var item in names)
        {
            if (checks.String(item, path) is { } type && !BsonTypes.Contains(type, StringComparer.Ordinal))
            {
                var nearest = StringDistance.Nearest(type, BsonTypes);
                checks.Report(DiagnosticCatalog.MongoBsonType, item, type, string.Join(", ", BsonTypes), nearest is null ? "" : $" Did you mean '{nearest}'?");
            }
        }
    }

    private static void CheckIndex(JsonChecks checks, JObject index, string path, Dictionary<string, int> seen, DatastoreSchemaRun run)
    {
        checks.Allow(index, path, IndexProperties);
        var name = checks.String(checks.Required(index, "name", path, " (every index is named, so later files can change or drop it)"), path + ".name");
        if (name is not null && !FirstInFile(checks, seen, "Index", name, index["name"]!))
        {
            return;
        }

        var label = name ?? path;
        var keys = checks.Object(checks.Required(index, "keys", path), path + ".keys");
        if (keys is not null)
        {
            if (keys.Properties.Count == 0)
            {
                checks.Report(DiagnosticCatalog.MongoIndexKey, keys, label, "it has no key");
            }

            foreach (var key in keys.Properties)
            {
                bool valid = key.Value switch
                {
                    JNumber number => number.Raw is "1" or "-1",
                    JString text => KeyTypes.Contains(text.Value, StringComparer.Ordinal),
                    _ => false,
                };
                if (!valid)
                {
                    checks.Report(DiagnosticCatalog.MongoIndexKey, key.Value, label, $"key '{key.Name}' has the value {Show(key.Value)}");
                }
            }
        }

        checks.Bool(index["unique"], path + ".unique");
        checks.Bool(index["sparse"], path + ".sparse");
        checks.Bool(index["hidden"], path + ".hidden");
        checks.Object(index["partialFilterExpression"], path + ".partialFilterExpression");
        if (index["expireAfterSeconds"] is not { } ttlNode || checks.Integer(ttlNode, path + ".expireAfterSeconds") is not { } seconds)
        {
            return;
        }

        if (seconds is < 0 or > int.MaxValue)
        {
            checks.Report(DiagnosticCatalog.MongoTtlIndex, ttlNode, label, $"expireAfterSeconds is {seconds}, outside 0 to 2147483647");
            return;
        }

        if (keys is not null && keys.Properties.Count > 1)
        {
            checks.Report(DiagnosticCatalog.MongoTtlIndex, keys, label, $"it has {keys.Properties.Count} keys; MongoDB expires documents only through a single-field index");
            return;
        }

        if (run.Retention is { } retention && retention.Length != TimeSpan.FromSeconds(seconds))
        {
            checks.Report(DiagnosticCatalog.MongoTtlRetention, ttlNode, label,
                $"{seconds} seconds ({IsoDuration.Humanize(TimeSpan.FromSeconds(seconds))})", retention.DocFile, retention.Describe);
        }
    }

    private static string Show(JNode node) => node switch
    {
        JNumber number => number.Raw,
        JString text => $"\"{text.Value}\"",
        _ => node.Describe,
    };
}
