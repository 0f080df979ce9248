using Strata.Core.Compose;
using Strata.Core.Diagnostics;
using Strata.Core.Docs;

namespace Strata.Build.Tasks;

/// <summary>Checks the project's compose file against its Datastore items and the compose rules (STRATA3001-3049, docs/compose.md).</summary>
public sealed class ValidateCompose : StrataTask
{
    /// <summary>The compose file, relative to the project; empty means compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml.</summary>
    public string ComposeFile { get; set; } = "";

    /// <summary>True when the user set StrataComposeFile: a missing file is then an error rather than "no compose stack".</summary>
    public bool ComposeFileRequired { get; set; }

    /// <summary>True when a warning was logged, so the target does not mark itself up to date and shows it again.</summary>
    [Microsoft.Build.Framework.Output]
    public bool LoggedWarnings { get; private set; }

    protected override string Activity => "checking the compose file";

    protected override void Run()
    {
        // Bad Datastore items are reported once, by ValidateDatastoreDocs; here they are only left out.
        var datastores = ResolveDatastores(new List<Diagnostic>());
        var diagnostics = ComposeValidator.Validate(
            new ComposeValidationRequest(ProjectDirectory, ComposeFile, [.. datastores.Select(d => new DeclaredDatastore(d.Name, d.Engine.Id))])
            {
                Required = ComposeFileRequired,
            });
        Report(diagnostics);
        LoggedWarnings = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Warning);
    }
}
