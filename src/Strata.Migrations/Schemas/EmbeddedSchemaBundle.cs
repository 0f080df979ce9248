using System.Reflection;
using Strata.Migrations.Errors;
using Strata.Migrations.Script;

namespace Strata.Migrations.Schemas;

/// <summary>Reads a datastore's schema bundle out of the service assembly, where the Strata.Sdk build embedded it.</summary>
internal static class EmbeddedSchemaBundle
{
    public static SchemaBundle Load(Assembly assembly, string datastore)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(datastore);

        var name = SchemaBundle.ResourceName(datastore);
        var text = StrataResources.ReadText(assembly, name, listing => NotFound(assembly, datastore, name, listing));
        SchemaBundle bundle;
        try
        {
            bundle = SchemaBundle.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new MigrationException(MigrationErrors.MalformedSchemaBundle, $"The embedded schema bundle '{name}' cannot be read: {ex.Message}.", name, innerException: ex);
        }

        return string.Equals(bundle.Datastore, datastore, StringComparison.Ordinal)
            ? bundle
            : throw new MigrationException(MigrationErrors.MalformedSchemaBundle, $"The embedded schema bundle '{name}' is datastore '{bundle.Datastore}''s, not '{datastore}''s.", name);
    }

    private static MigrationException NotFound(Assembly assembly, string datastore, string name, string listing) =>
        new(
            MigrationErrors.SchemaBundleNotFound,
            $"Assembly '{assembly.GetName().Name}' has no embedded schema bundle '{name}' ({listing}). " +
            $"A <Datastore Include=\"{datastore}\" /> item of a schema-file engine (MongoDB, Neo4j, Elasticsearch, Qdrant, Chroma) makes the Strata.Sdk build embed it; " +
            "check the datastore name and that the project was built with Strata.Sdk.");
}
