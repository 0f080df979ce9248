using Microsoft.Build.Framework;
using Strata.Core.Datastores;

namespace Strata.Build.Tasks;

/// <summary>
/// Target StrataAddDatastore (and <c>dotnet new strata-datastore</c>): adds one datastore to the project: the
/// Datastore item, its doc and its schema folder. Never overwrites a file; a name that is already declared is STRATA3101.
/// </summary>
public sealed class AddDatastore : StrataTask
{
    /// <summary>The datastore name (StrataDatastoreName).</summary>
    public string Name { get; set; } = "";

    /// <summary>The engine id (StrataDatastoreEngine).</summary>
    public string Engine { get; set; } = "";

    /// <summary>The owning team written into the doc (StrataDatastoreOwner).</summary>
    public string Owner { get; set; } = "";

    /// <summary>Folder of the datastore docs, relative to the project (StrataDocsDirectory).</summary>
    public string DocsDirectory { get; set; } = "docs/data";

    /// <summary>The files this run created, relative to the project.</summary>
    [Output]
    public string[] CreatedFiles { get; private set; } = [];

    protected override string Activity => "adding a datastore";

    protected override void Run()
    {
        var result = DatastoreAdder.Add(new AddDatastoreRequest(ProjectFile, Name, Engine, Owner)
        {
            Existing = [.. Datastores.Select(i => new DatastoreDeclarations.Item(i.ItemSpec, i.GetMetadata("Engine")))],
            DocsDirectory = DocsDirectory,
        });
        Report(result.Diagnostics);
        CreatedFiles = [.. result.Created];
        foreach (var file in result.Created)
        {
            Log.LogMessage(MessageImportance.High, $"Strata: created {file}");
        }

        if (result.ProjectFileUpdated)
        {
            Log.LogMessage(MessageImportance.High,
                $"Strata: added <Datastore Include=\"{Name.Trim()}\" Engine=\"{Engine.Trim().ToLowerInvariant()}\" /> to {Path.GetFileName(ProjectFile)}");
        }
    }
}
