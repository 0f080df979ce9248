using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Strata.Core.Diagnostics;
using Strata.Core.Sql.Migrations;
using Strata.Core.Templating;
using Strata.Core.Text;

namespace Strata.Build.Tasks;

/// <summary>Checks each SQL datastore's migrations and writes obj/strata/&lt;datastore&gt;/migrate.sql when it changed.</summary>
public sealed class GenerateMigrationScripts : StrataTask
{
    /// <summary>Where scripts go, relative to the project (default obj/strata/).</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>The scripts this build embeds, with Datastore and LogicalName metadata.</summary>
    [Output]
    public ITaskItem[] Scripts { get; private set; } = [];

    protected override string Activity => "generating migration scripts";

    protected override void Run()
    {
        var diagnostics = new List<Diagnostic>();
        var datastores = ResolveDatastores(diagnostics);
        var result = MigrationBuild.Run(ProjectDirectory, datastores, OutputDirectory, HandlebarsTextRenderer.Instance);
        diagnostics.AddRange(result.Diagnostics);
        Report(diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return;
        }

        var items = new List<ITaskItem>();
        foreach (var script in result.Scripts)
        {
            var path = Path.GetFullPath(Path.Combine(ProjectDirectory, script.RelativeOutputPath));
            try
            {
                GeneratedFile.WriteIfChanged(path, script.Content);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Report(DiagnosticCatalog.OutputWriteFailed.Create(new SourceLocation(path), script.RelativeOutputPath, ex.Message));
                continue;
            }

            var range = script.MigrationCount == 0 ? "no migrations" :
                script.MigrationCount == 1 ? $"1 migration ({script.FirstVersion})" : $"{script.MigrationCount} migrations ({script.FirstVersion}..{script.LastVersion})";
            Log.LogMessage(MessageImportance.High, $"Strata: {script.Datastore} ({script.Engine}): {range} -> {ProjectPaths.Relative(ProjectDirectory, path)}");
            var item = new TaskItem(path);
            item.SetMetadata("Datastore", script.Datastore);
            item.SetMetadata("LogicalName", $"Strata/{script.Datastore}/migrate.sql");
            items.Add(item);
        }

        Scripts = [.. items];
    }
}
