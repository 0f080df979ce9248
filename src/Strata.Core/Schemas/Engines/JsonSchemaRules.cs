using System.Text;
using Strata.Core.Diagnostics;
using Strata.Core.Schemas.Json;

namespace Strata.Core.Schemas.Engines;

/// <summary>The JSON engines: parse (STRATA4004, 4010, 4012), require an object at the top, then the engine's checks.</summary>
internal abstract class JsonSchemaRules : SchemaRules
{
    public sealed override void Check(SchemaFile file, DatastoreSchemaRun run)
    {
        var bytes = Encoding.UTF8.GetBytes(file.Body);
        var lines = new Utf8Lines(bytes);
        var checks = new JsonChecks(file.RelativePath, lines, run.Diagnostics);
        var result = JsonTreeReader.Read(bytes);
        foreach (var duplicate in result.Duplicates)
        {
            checks.Report(DiagnosticCatalog.SchemaDuplicateProperty, duplicate.Offset, duplicate.Name, checks.Line(duplicate.FirstOffset));
        }

        if (result.NoValue)
        {
            run.Diagnostics.Add(DiagnosticCatalog.SchemaFileEmpty.Create(new SourceLocation(file.RelativePath), file.RelativePath, "holds only comments"));
            return;
        }

        if (result.Error is not null)
        {
            var (line, column) = result.ErrorLine < 0 ? lines.Position((int)result.ErrorBytePosition) : lines.Position(result.ErrorLine, result.ErrorBytePosition);
            run.Diagnostics.Add(DiagnosticCatalog.SchemaNotJson.Create(SourceLocation.At(file.RelativePath, line, column), file.RelativePath, result.Error));
            return;
        }

        if (checks.Object(result.Root, "the file's top level") is { } root)
        {
            CheckRoot(checks, root, run);
        }
    }

    protected abstract void CheckRoot(JsonChecks checks, JObject root, DatastoreSchemaRun run);

    /// <summary>
    /// The objects of the file's "collections" array, each checked against <paramref name="properties"/> and for its
    /// name; a collection named twice in the file is reported (STRATA4016) and left out. Name is null when it is missing
    /// or not a string (already reported).
    /// </summary>
    protected static IEnumerable<(JObject Collection, string Path, string? Name)> Collections(JsonChecks checks, JObject root, string[] properties)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (collection, path) in checks.Objects(root["collections"], "collections"))
        {
            checks.Allow(collection, path, properties);
            var name = checks.String(checks.Required(collection, "name", path), path + ".name");
            if (name is null || FirstInFile(checks, seen, "Collection", name, collection["name"]!))
            {
                yield return (collection, path, name);
            }
        }
    }

    /// <summary>STRATA4016 for a name seen before in the same file; true when it is new.</summary>
    protected static bool FirstInFile(JsonChecks checks, Dictionary<string, int> seen, string what, string name, JNode at)
    {
        if (seen.TryGetValue(name, out var first))
        {
            checks.Report(DiagnosticCatalog.SchemaDefinedTwice, at, what, name, checks.Line(first));
            return false;
        }

        seen[name] = at.Offset;
        return true;
    }
}
