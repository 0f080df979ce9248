using Microsoft.Build.Framework;
using Strata.Core.Datastores;
using Strata.Core.Diagnostics;
using Strata.Core.Sql.Migrations;
using Strata.Core.Templating;
using Strata.Core.Text;

namespace Strata.Build.Tasks;

/// <summary>
/// dotnet build -t:StrataRollbackScript -p:StrataRollbackTo=0002 [-p:StrataRollbackDatastore=main]: writes
/// obj/strata/&lt;datastore&gt;/rollback-to-0002.sql from the down parts of the later migrations.
/// </summary>
public sealed class GenerateRollbackScripts : StrataTask
{
    [Required]
    public string OutputDirectory { get; set; } = "";

    [Required]
    public string Target { get; set; } = "";

    /// <summary>Only this datastore; empty means every SQL datastore.</summary>
    public string Datastore { get; set; } = "";

    public string LockTimeout { get; set; } = "";

    public string StatementTimeout { get; set; } = "";

    protected override string Activity => "generating rollback scripts";

    protected override void Run()
    {
        var diagnostics = new List<Diagnostic>();
        IEnumerable<DatastoreDeclaration> datastores = ResolveDatastores(diagnostics);
        if (Datastore.Length > 0)
        {
            datastores = datastores.Where(d => d.Name == Datastore.Trim());
        }

        var defaults = ScriptSettings.Default;
        var options = new MigrationBuildOptions
        {
            OutputDirectory = OutputDirectory,
            Settings = new ScriptSettings(LockTimeout.Length > 0 ? LockTimeout : defaults.LockTimeout, StatementTimeout.Length > 0 ? StatementTimeout : defaults.StatementTimeout),
        };
        var scripts = MigrationBuild.Rollback(ProjectDirectory, datastores, options, Target, DeferredHandlebarsRenderer.Instance, diagnostics);
        Report(diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return;
        }

        foreach (var script in scripts)
        {
            var path = Path.GetFullPath(Path.Combine(ProjectDirectory, script.RelativeOutputPath));
            GeneratedFile.WriteIfChanged(path, script.Content);
            Log.LogMessage(MessageImportance.High, $"Strata: {script.Datastore} ({script.Engine}): undoes {script.MigrationCount} migration(s) down to {Target} -> {ProjectPaths.Relative(ProjectDirectory, path)}");
        }
    }
}
