using Microsoft.Build.Framework;
using Strata.Core.Diagnostics;
using Strata.Core.Schemas;
using Strata.Core.Text;
using Strata.Migrations.Schemas;

namespace Strata.Build.Tasks;

/// <summary>
/// Checks the schema files of every datastore whose engine keeps its schema as files (STRATA4xxx, docs/schema-files.md)
/// and writes &lt;OutputDirectory&gt;/&lt;datastore&gt;.schema.json, the bundle the service embeds, when it changed.
/// </summary>
public sealed class ValidateSchemas : StrataTask
{
    /// <summary>Where bundles go, relative to the project ($(IntermediateOutputPath)strata/).</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>The datastore docs' folder (StrataDocsDirectory), for the retention comparisons.</summary>
    public string DocsDirectory { get; set; } = "";

    /// <summary>The compose file (StrataComposeFile), for the Redis eviction policy; empty: Compose's default names.</summary>
    public string ComposeFile { get; set; } = "";

    /// <summary>True when a warning was logged, so the target does not mark itself up to date and shows it again.</summary>
    [Output]
    public bool LoggedWarnings { get; private set; }

    protected override string Activity => "checking the schema files";

    public static string BundleFileName(string datastore) => datastore + ".schema.json";

    protected override void Run()
    {
        // Bad Datastore items are reported once, by ValidateDatastoreDocs; here they are only left out.
        var datastores = ResolveDatastores(new List<Diagnostic>());
        var result = SchemaBuild.Run(new SchemaBuildRequest(ProjectDirectory, datastores)
        {
            DocsDirectory = string.IsNullOrWhiteSpace(DocsDirectory) ? "docs/data" : DocsDirectory,
            ComposeFile = ComposeFile,
        });
        Report(result.Diagnostics);
        LoggedWarnings = result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Warning);
        if (result.HasErrors)
        {
            return;
        }

        var directory = Path.GetFullPath(Path.Combine(ProjectDirectory, OutputDirectory));
        foreach (var bundle in result.Bundles)
        {
            Write(Path.Combine(directory, BundleFileName(bundle.Datastore)), bundle);
        }

        // A datastore whose engine no longer keeps schema files must not keep embedding its old bundle.
        foreach (var datastore in datastores.Where(d => !SchemaBuild.KeepsSchemaFiles(d.Engine)))
        {
            var stale = Path.Combine(directory, BundleFileName(datastore.Name));
            if (File.Exists(stale))
            {
                File.Delete(stale);
            }
        }
    }

    private void Write(string path, SchemaBundle bundle)
    {
        try
        {
            GeneratedFile.WriteIfChanged(path, bundle.ToJson());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Report(DiagnosticCatalog.OutputWriteFailed.Create(new SourceLocation(path), path, ex.Message.TrimEnd('.')));
            return;
        }

        var files = bundle.Files;
        var range = files.Count == 0 ? "no schema files" :
            files.Count == 1 ? $"1 schema file ({files[0].Version})" : $"{files.Count} schema files ({files[0].Version}..{files[^1].Version})";
        Log.LogMessage(MessageImportance.High, $"Strata: {bundle.Datastore} ({bundle.Engine}): {range} -> {ProjectPaths.Relative(ProjectDirectory, path)}");
    }
}
