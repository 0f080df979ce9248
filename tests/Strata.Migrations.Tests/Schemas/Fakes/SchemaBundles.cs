using Strata.Migrations.Schemas;
using Strata.Migrations.Script;

namespace Strata.Migrations.Tests.Schemas.Fakes;

/// <summary>Bundles as the build writes them: each file's normalized text and its checksum.</summary>
public static class SchemaBundles
{
    public static SchemaBundleFile File(string datastore, string version, string description, string source, string extension = "json") => new(
        version,
        description.Replace('_', ' '),
        $"db/{datastore}/schema/{version}_{description}.{extension}",
        MigrationChecksum.ComputeFromSource(source),
        MigrationChecksum.BodyFromSource(source));

    public static SchemaBundle Of(string datastore, string engine, params SchemaBundleFile[] files) => new(datastore, engine, files);
}
