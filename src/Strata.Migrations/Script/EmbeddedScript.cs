using System.Reflection;
using Strata.Migrations.Errors;

namespace Strata.Migrations.Script;

/// <summary>Reads a datastore's script out of the service assembly, where the Strata.Sdk build embedded it.</summary>
internal static class EmbeddedScript
{
    public static MigrationScript Load(Assembly assembly, string datastore)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(datastore);

        var name = MigrationScript.ResourceName(datastore);
        return MigrationScript.Parse(StrataResources.ReadText(assembly, name, listing => NotFound(assembly, datastore, name, listing)), name);
    }

    private static MigrationException NotFound(Assembly assembly, string datastore, string name, string listing) =>
        new(
            MigrationErrors.ScriptNotFound,
            $"Assembly '{assembly.GetName().Name}' has no embedded migration script '{name}' ({listing}). " +
            $"A <Datastore Include=\"{datastore}\" /> item in the service's project file makes the Strata.Sdk build generate and embed it; " +
            "check the datastore name and that the project was built with Strata.Sdk.",
            sourceFile: null,
            line: null);
}
