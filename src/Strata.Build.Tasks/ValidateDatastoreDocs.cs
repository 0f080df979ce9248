using Strata.Core.Diagnostics;
using Strata.Core.Docs;

namespace Strata.Build.Tasks;

/// <summary>Validates the Datastore items and their docs (docs/data/&lt;datastore&gt;.md, seed rule 11.6).</summary>
public sealed class ValidateDatastoreDocs : StrataTask
{
    /// <summary>Folder of the datastore docs, relative to the project (default docs/data).</summary>
    public string DocsDirectory { get; set; } = DocValidationRequest.DefaultDocsDirectory;

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
    }
}
