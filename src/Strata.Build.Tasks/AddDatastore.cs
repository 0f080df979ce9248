using System.Globalization;
using Microsoft.Build.Framework;
using Strata.Core.Datastores;

namespace Strata.Build.Tasks;

/// <summary>
/// Target StrataAddDatastore (and <c>dotnet new strata-datastore</c>): adds one datastore to the project: the
/// Datastore item, its doc, its schema folder and, for a server engine, its compose service, volume and .env secret.
/// Never overwrites a file; a name that is already declared is STRATA3101.
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

    /// <summary>The compose file, relative to the project (StrataComposeFile); empty: Compose's own names, else compose.yaml.</summary>
    public string ComposeFile { get; set; } = "";

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
            ComposeFile = ComposeFile,
        });
        Report(result.Diagnostics);
        CreatedFiles = [.. result.Created];
        foreach (var file in result.Created)
        {
            Log.LogMessage(MessageImportance.High, $"Strata: created {file}");
        }

        if (result.ComposeService is { } service)
        {
            var ports = string.Join(", ", service.HostPorts.Select(p => "127.0.0.1:" + p.ToString(CultureInfo.InvariantCulture)));
            Log.LogMessage(MessageImportance.High, $"Strata: added compose service '{service.Service}' ({service.Image}, {ports}) and volume '{service.Service}-data' to {service.ComposeFile}");
            if (service.SecretVariable is { } variable)
            {
                Log.LogMessage(MessageImportance.High, service.SecretAdded
                    ? $"Strata: added {variable} to .env (a random value) and .env.example"
                    : $"Strata: {variable} was already in .env; its value was kept");
            }
        }

        foreach (var file in result.Updated.Where(f => Path.GetFileName(f) == ".gitignore"))
        {
            Log.LogMessage(MessageImportance.High, $"Strata: added .env to {file}");
        }

        if (result.ProjectFileUpdated)
        {
            Log.LogMessage(MessageImportance.High,
                $"Strata: added <Datastore Include=\"{Name.Trim()}\" Engine=\"{Engine.Trim().ToLowerInvariant()}\" /> to {Path.GetFileName(ProjectFile)}");
        }
    }
}
