using System.Reflection;
using System.Text;
using Strata.Migrations.Errors;

namespace Strata.Migrations.Schemas;

/// <summary>Reads a datastore's schema bundle out of the service assembly, where the Strata.Sdk build embedded it.</summary>
internal static class EmbeddedSchemaBundle
{
    public static SchemaBundle Load(Assembly assembly, string datastore)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(datastore);

        var name = SchemaBundle.ResourceName(datastore);
        using var stream = assembly.GetManifestResourceStream(name) ?? throw NotFound(assembly, datastore, name);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        SchemaBundle bundle;
        try
        {
            bundle = SchemaBundle.Parse(reader.ReadToEnd());
        }
        catch (FormatException ex)
        {
            throw new MigrationException(MigrationErrors.MalformedSchemaBundle, $"The embedded schema bundle '{name}' cannot be read: {ex.Message}.", name, innerException: ex);
        }

        return string.Equals(bundle.Datastore, datastore, StringComparison.Ordinal)
            ? bundle
            : throw new MigrationException(MigrationErrors.MalformedSchemaBundle, $"The embedded schema bundle '{name}' is datastore '{bundle.Datastore}''s, not '{datastore}''s.", name);
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
            MigrationErrors.SchemaBundleNotFound,
            $"Assembly '{assembly.GetName().Name}' has no embedded schema bundle '{name}' ({listing}). " +
            $"A <Datastore Include=\"{datastore}\" /> item of a schema-file engine (MongoDB, Neo4j, Elasticsearch, Qdrant, Chroma) makes the Strata.Sdk build embed it; " +
            "check the datastore name and that the project was built with Strata.Sdk.");
    }
}
