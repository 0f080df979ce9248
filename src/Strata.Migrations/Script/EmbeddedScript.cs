using System.Reflection;
using System.Text;
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
        using var stream = assembly.GetManifestResourceStream(name) ?? throw NotFound(assembly, datastore, name);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return MigrationScript.Parse(reader.ReadToEnd(), name);
    }

    private static MigrationException NotFound(Assembly assembly, string datastore, string name)
    {
        // Listing what is there turns "not found" into an obvious typo or an obviously missing build step.
        var present = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Strata/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => $"'{n}'")
            .ToList();
        var listing = present.Count == 0 ? "it has no Strata resources" : "Strata resources present: " + string.Join(", ", present);
        return new MigrationException(
            MigrationErrors.ScriptNotFound,
            $"Assembly '{assembly.GetName().Name}' has no embedded migration script '{name}' ({listing}). " +
            $"A <Datastore Include=\"{datastore}\" /> item in the service's project file makes the Strata.Sdk build generate and embed it; " +
            "check the datastore name and that the project was built with Strata.Sdk.",
            sourceFile: null,
            line: null);
    }
}
