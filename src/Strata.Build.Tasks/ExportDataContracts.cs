using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Strata.Core.Diagnostics;
using Strata.Core.Docs;
using Strata.Core.Text;

namespace Strata.Build.Tasks;

/// <summary>Target StrataExportContracts: one Open Data Contract Standard v3 YAML per datastore, from its doc.</summary>
public sealed class ExportDataContracts : StrataTask
{
    /// <summary>Folder of the datastore docs, relative to the project.</summary>
    public string DocsDirectory { get; set; } = DocValidationRequest.DefaultDocsDirectory;

    /// <summary>Where the contracts go (&lt;datastore&gt;.odcs.yaml), relative to the project or absolute.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>ODCS version of the contracts (default: the project's Version).</summary>
    public string ContractVersion { get; set; } = "1.0.0";

    /// <summary>ODCS status of the contracts.</summary>
    public string ContractStatus { get; set; } = "active";

    [Output]
    public ITaskItem[] Contracts { get; private set; } = [];

    protected override string Activity => "exporting data contracts";

    protected override void Run()
    {
        var diagnostics = new List<Diagnostic>();
        var datastores = ResolveDatastores(diagnostics);
        Report(diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return;
        }

        var (contracts, problems) = ContractExporter.Export(
            new ContractExportRequest(ProjectDirectory, [.. datastores.Select(d => new DeclaredDatastore(d.Name, d.Engine.Id))])
            {
                DocsDirectory = DocsDirectory,
                ServiceName = Path.GetFileNameWithoutExtension(ProjectFile),
                Version = string.IsNullOrWhiteSpace(ContractVersion) ? "1.0.0" : ContractVersion,
                Status = string.IsNullOrWhiteSpace(ContractStatus) ? "active" : ContractStatus,
            });
        Report(problems);
        var items = new List<ITaskItem>();
        foreach (var contract in contracts)
        {
            var path = Path.GetFullPath(Path.Combine(ProjectDirectory, OutputDirectory, contract.Datastore + ".odcs.yaml"));
            try
            {
                GeneratedFile.WriteIfChanged(path, contract.Yaml);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Report(DiagnosticCatalog.OutputWriteFailed.Create(new SourceLocation(path), path, ex.Message));
                continue;
            }

            Log.LogMessage(MessageImportance.High, $"Strata: {contract.Datastore}: data contract -> {ProjectPaths.Relative(ProjectDirectory, path)}");
            var item = new TaskItem(path);
            item.SetMetadata("Datastore", contract.Datastore);
            items.Add(item);
        }

        Contracts = [.. items];
    }
}
