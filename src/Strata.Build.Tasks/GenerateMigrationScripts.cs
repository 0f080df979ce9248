using Microsoft.Build.Framework;
using Strata.Core.Diagnostics;
using Strata.Core.Sarif;
using Strata.Core.Sql.Lint;
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

    /// <summary>PostgreSQL lock_timeout the script sets (StrataLockTimeout); default 10s.</summary>
    public string LockTimeout { get; set; } = "";

    /// <summary>PostgreSQL statement_timeout the script sets (StrataStatementTimeout); default 15min.</summary>
    public string StatementTimeout { get; set; } = "";

    /// <summary>A Handlebars file replacing the default script layout (StrataMigrationScriptTemplate).</summary>
    public string ScriptTemplate { get; set; } = "";

    /// <summary>Per-rule lint severities, e.g. "STRATA2105=error;STRATA2113=none" (StrataLintSeverity).</summary>
    public string LintSeverity { get; set; } = "";

    /// <summary>When set, every migration diagnostic of this build is also written there as SARIF 2.1.0 (StrataSarifFile).</summary>
    public string SarifFile { get; set; } = "";

    /// <summary>True when a warning was logged, so the target does not mark itself up to date and shows it again.</summary>
    [Output]
    public bool LoggedWarnings { get; private set; }

    protected override string Activity => "generating migration scripts";

    protected override void Run()
    {
        // First of all, start compiling the script layout: in a fresh build process it is the longest single step,
        // and it then runs beside everything else. (Kept apart from the rest so that starting it waits for little.)
        var engines = new string[Datastores.Length];
        for (int i = 0; i < engines.Length; i++)
        {
            engines[i] = Datastores[i].GetMetadata("Engine");
        }

        MigrationBuild.Prepare(ProjectDirectory, ScriptTemplate, engines, DeferredHandlebarsRenderer.Instance);
        Generate();
    }

    private void Generate()
    {
        var diagnostics = new List<Diagnostic>();
        var datastores = ResolveDatastores(diagnostics);
        var lint = LintOptions.Parse(LintSeverity, ProjectFile, out var lintDiagnostics);
        diagnostics.AddRange(lintDiagnostics);
        var defaults = ScriptSettings.Default;
        var options = new MigrationBuildOptions
        {
            OutputDirectory = OutputDirectory,
            Settings = new ScriptSettings(Or(LockTimeout, defaults.LockTimeout), Or(StatementTimeout, defaults.StatementTimeout)),
            ScriptTemplate = string.IsNullOrWhiteSpace(ScriptTemplate) ? null : ScriptTemplate,
            Lint = lint,
        };
        var result = MigrationBuild.Run(ProjectDirectory, datastores, options, DeferredHandlebarsRenderer.Instance);
        diagnostics.AddRange(result.Diagnostics);
        Report(diagnostics);
        WriteSarif(diagnostics);
        LoggedWarnings = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Warning);
        if (diagnostics.Any(d => d.IsError))
        {
            return;
        }

        foreach (var script in result.Scripts)
        {
            var path = Path.GetFullPath(Path.Combine(ProjectDirectory, script.RelativeOutputPath));
            try
            {
                GeneratedFile.WriteIfChanged(path, script.Content);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Report(DiagnosticCatalog.OutputWriteFailed.Create(new SourceLocation(path), script.RelativeOutputPath, ex.Message.TrimEnd('.')));
                continue;
            }

            var range = script.MigrationCount == 0 ? "no migrations" :
                script.MigrationCount == 1 ? $"1 migration ({script.FirstVersion})" : $"{script.MigrationCount} migrations ({script.FirstVersion}..{script.LastVersion})";
            Log.LogMessage(MessageImportance.High, $"Strata: {script.Datastore} ({script.Engine}): {range} -> {ProjectPaths.Relative(ProjectDirectory, path)}");
        }
    }

    private void WriteSarif(IReadOnlyList<Diagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(SarifFile))
        {
            return;
        }

        var path = Path.GetFullPath(Path.Combine(ProjectDirectory, SarifFile));
        try
        {
            GeneratedFile.WriteIfChanged(path, SarifWriter.Write(diagnostics));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Report(DiagnosticCatalog.OutputWriteFailed.Create(new SourceLocation(path), SarifFile, ex.Message.TrimEnd('.')));
        }
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();
}
