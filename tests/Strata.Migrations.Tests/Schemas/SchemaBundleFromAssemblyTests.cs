using System.Reflection;
using System.Text;
using Strata.Migrations.Errors;
using Strata.Migrations.Schemas;
using Strata.Migrations.Tests.Schemas.Fakes;
using Strata.Tests.Shared.SchemaFakes;

namespace Strata.Migrations.Tests.Schemas;

/// <summary>SchemaBundle.FromAssembly reads the resource the build embeds, and says what is there when it is missing.</summary>
public sealed class SchemaBundleFromAssemblyTests
{
    [Fact]
    public void Reads_the_embedded_bundle_back()
    {
        var bundle = SchemaBundles.Of("search", "elasticsearch", SchemaBundles.File("search", "0001", "events", """{ "indices": {} }"""));
        var assembly = new ResourceAssembly(new() { [SchemaBundle.ResourceName("search")] = bundle.ToJson() });

        var read = SchemaBundle.FromAssembly(assembly, "search");

        read.Engine.ShouldBe("elasticsearch");
        read.Files.ShouldBe(bundle.Files);
    }

    [Fact]
    public void A_missing_bundle_is_STRATA5105_listing_the_Strata_resources_present()
    {
        var ex = Should.Throw<MigrationException>(() => SchemaBundle.FromAssembly(typeof(SchemaBundleFromAssemblyTests).Assembly, "search"));

        ex.Code.ShouldBe("STRATA5105");
        ex.Message.ShouldContain("'Strata/search/schema.json'");
        ex.Message.ShouldContain("Strata resources present: 'Strata/testdb/migrate.sql'");
    }

    [Fact]
    public void An_unreadable_bundle_is_STRATA5106()
    {
        var assembly = new ResourceAssembly(new() { [SchemaBundle.ResourceName("search")] = """{ "format": 99 }""" });

        var ex = Should.Throw<MigrationException>(() => SchemaBundle.FromAssembly(assembly, "search"));

        ex.Code.ShouldBe("STRATA5106");
        ex.SourceFile.ShouldBe("Strata/search/schema.json");
    }

    /// <summary>An assembly with the given manifest resources (a dynamic assembly cannot carry any).</summary>
    private sealed class ResourceAssembly(Dictionary<string, string> resources) : Assembly
    {
        public override string[] GetManifestResourceNames() => [.. resources.Keys];

        public override Stream? GetManifestResourceStream(string name) =>
            resources.TryGetValue(name, out var text) ? new MemoryStream(Encoding.UTF8.GetBytes(text)) : null;

        public override AssemblyName GetName() => new("Service");
    }
}
