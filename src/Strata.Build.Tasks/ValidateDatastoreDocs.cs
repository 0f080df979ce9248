using Strata.Core.Diagnostics;
using Strata.Core.Docs;

namespace Strata.Build.Tasks;

/// <summary>Validates the Datastore items and their docs (docs/data/&lt;datastore&gt;.md, seed rule 11.6).</summary>
public sealed class ValidateDatastoreDocs : StrataTask
{
    /// <summary>Folder of the datastore docs, relative to the project (default docs/data).</summary>
    public string DocsDirectory { get; set; } = DocValidationRequest.DefaultDocsDirectory;

    /// <summary>True when a warning was logged, so the target does not mark itself up to date and shows it again.</summary>
    [Microsoft.Build.Framework.Output]
    public bool LoggedWarnings { get; private set; }

    protected override string Activity => "validating the datastore docs";

    protected override void Run()
    {
        var diagnostics = new List<Diagnostic>();
        var datastores = ResolveDatastores(diagnostics);
        diagnostics.AddRange(DatastoreDocValidator.Validate(
            new DocValidationRequest(ProjectDirectory, [.. datastores.Select(d => new DeclaredDatastore(d.Name, d.Engine.Id))])
            {
                DocsDirectory = DocsDirectory,
            }));
        Report(diagnostics);
        LoggedWarnings = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Warning);
    }
}
