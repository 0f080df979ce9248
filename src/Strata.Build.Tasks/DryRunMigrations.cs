using Microsoft.Build.Framework;
using Strata.Core.Catalog;
using Strata.Core.Diagnostics;
using Strata.Core.Sql.DryRun;

namespace Strata.Build.Tasks;

/// <summary>
/// dotnet build -p:StrataDryRun=true: applies each SQL datastore's pending migrations to a real database without
/// keeping them (see MigrationDryRun), reporting a failing statement at its migration's file and line.
/// </summary>
public sealed class DryRunMigrations : StrataTask
{
    /// <summary>Where the generated scripts are (obj/strata/).</summary>
    [Required]
    public string ScriptDirectory { get; set; } = "";

    /// <summary>Used when no environment variable names a connection (StrataDryRunConnection).</summary>
    public string Connection { get; set; } = "";

    protected override string Activity => "dry-running migrations";

    protected override void Run()
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var datastore in ResolveDatastores(diagnostics).Where(d => d.Engine.SchemaStyle == SchemaStyle.SqlMigrations))
        {
            var script = Path.GetFullPath(Path.Combine(ProjectDirectory, ScriptDirectory, datastore.Name, "migrate.sql"));
            if (!File.Exists(script))
            {
                continue; // Generation reported why there is no script.
            }

            var connection = MigrationDryRun.ConnectionFor(datastore.Name, Connection, Environment.GetEnvironmentVariable);
            var outcome = MigrationDryRun.RunAsync(File.ReadAllText(script), script, datastore.Engine, connection, ProjectDirectory, CancellationToken.None)
                .GetAwaiter().GetResult();
            diagnostics.AddRange(outcome.Diagnostics);
            if (outcome.Summary is not null)
            {
                Log.LogMessage(MessageImportance.High, "Strata: " + outcome.Summary);
            }
        }

        Report(diagnostics);
    }
}
