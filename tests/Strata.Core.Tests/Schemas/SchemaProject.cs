using System.Text;
using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Diagnostics;
using Strata.Core.Schemas;

namespace Strata.Core.Tests.Schemas;

/// <summary>A throwaway project for schema-file tests: write files, run <see cref="SchemaBuild"/>, assert code, file, line and column.</summary>
internal sealed class SchemaProject : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "strata-schema-tests", Guid.NewGuid().ToString("N"));

    public SchemaProject() => Directory.CreateDirectory(Root);

    public SchemaProject Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    public SchemaProject WriteBytes(string relative, byte[] bytes)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return this;
    }

    /// <summary>A datastore doc with only what the schema check reads: its retention period.</summary>
    public SchemaProject Doc(string datastore, string retention) => Write($"docs/data/{datastore}.md",
        $"---\ndatastore: {datastore}\nretention:\n  period: {retention}\n---\n# {datastore}\n");

    public SchemaBuildResult Run(params (string Name, string Engine)[] datastores) =>
        SchemaBuild.Run(new SchemaBuildRequest(Root, [.. datastores.Select(d => new DatastoreDeclaration(d.Name, EngineCatalog.Find(d.Engine)!))]));

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

internal static class SchemaAssertions
{
    public static Diagnostic ShouldReport(this SchemaBuildResult result, string id, string file, int line, int column)
    {
        var diagnostic = result.Diagnostics.ShouldHaveSingleItem(string.Join("\n", result.Diagnostics));
        diagnostic.Id.ShouldBe(id, diagnostic.ToString());
        diagnostic.Location.File.ShouldBe(file);
        (diagnostic.Location.Line, diagnostic.Location.Column).ShouldBe((line, column), diagnostic.ToString());
        return diagnostic;
    }

    public static void ShouldBeClean(this SchemaBuildResult result) =>
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
}
