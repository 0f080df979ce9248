using Strata.Core.Catalog;
using Strata.Core.Docs;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Tests.Docs;

/// <summary>The ODCS v3 export follows the mapping table of docs/datastore-docs.md.</summary>
public sealed class ContractExporterTests : IDisposable
{
    private readonly TempProject _project = new();

    public void Dispose() => _project.Dispose();

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string S(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            node = int.TryParse(key, out var index) ? ((YamlSequenceNode)node).Children[index] : ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        }

        return ((YamlScalarNode)node).Value!;
    }

    private (IReadOnlyList<ExportedContract> Contracts, IReadOnlyList<Strata.Core.Diagnostics.Diagnostic> Diagnostics) Export(params DeclaredDatastore[] datastores) =>
        ContractExporter.Export(new ContractExportRequest(_project.Directory, datastores.Length == 0 ? [new("main", "sqlite")] : datastores)
        {
            ServiceName = "Acme.Orders",
            Version = "2.3.0",
        });

    [Fact]
    public void The_valid_doc_maps_onto_the_odcs_v3_fields()
    {
        _project.WriteDoc(replace: "pii: false", with: "pii: true\nx-dashboard: https://grafana/orders");
        var (contracts, diagnostics) = Export();
        diagnostics.ShouldBeClean();
        var contract = contracts.ShouldHaveSingleItem();
        contract.Datastore.ShouldBe("main");
        var root = Parse(contract.Yaml);

        S(root, "apiVersion").ShouldStartWith("v3.0.");
        S(root, "kind").ShouldBe("DataContract");
        S(root, "id").ShouldBe("Acme.Orders.main");
        S(root, "name").ShouldBe("main");
        S(root, "version").ShouldBe("2.3.0");
        S(root, "status").ShouldBe("active");
        S(root, "tags", "0").ShouldBe("pii");
        S(root, "description", "purpose").ShouldBe("Orders and their line items for the Orders service.");
        S(root, "description", "usage").ShouldBe("Orders and their line items, written by the Orders API and read by the reporting job.");
        (S(root, "team", "0", "username"), S(root, "team", "0", "role")).ShouldBe(("orders-team", "owner"));
        (S(root, "servers", "0", "server"), S(root, "servers", "0", "type")).ShouldBe(("main", "custom"));
        (S(root, "servers", "0", "customProperties", "0", "property"), S(root, "servers", "0", "customProperties", "0", "value")).ShouldBe(("engine", "sqlite"));
        S(root, "schema", "0", "name").ShouldBe("main");
        S(root, "schema", "0", "logicalType").ShouldBe("object");
        (S(root, "schema", "0", "authoritativeDefinitions", "0", "type"), S(root, "schema", "0", "authoritativeDefinitions", "0", "url")).ShouldBe(("implementation", "db/main/migrations"));
        (S(root, "schema", "0", "customProperties", "0", "property"), S(root, "schema", "0", "customProperties", "0", "value")).ShouldBe(("classification", "internal"));

        var sla = ((YamlSequenceNode)root.Children[new YamlScalarNode("slaProperties")]).Children
            .ToDictionary(n => S(n, "property"), n => (S(n, "value"), ((YamlMappingNode)n).Children.TryGetValue(new YamlScalarNode("unit"), out var u) ? ((YamlScalarNode)u).Value : null));
        sla["frequency"].ShouldBe(("1", "d"));
        sla["rpo"].ShouldBe(("24", "h"));
        sla["rto"].ShouldBe(("1", "h"));
        sla["retention"].ShouldBe(("90", "d"));

        var custom = ((YamlSequenceNode)root.Children[new YamlScalarNode("customProperties")]).Children.ToDictionary(n => S(n, "property"), n => S(n, "value"));
        custom.ShouldBe(new Dictionary<string, string>
        {
            ["backupMethod"] = "sqlite-online-backup",
            ["backupScript"] = "ops/backup/main.sh",
            ["restoreTested"] = "quarterly",
            ["retentionMechanism"] = "scheduled DELETE job",
            ["x-dashboard"] = "https://grafana/orders",
        });
    }

    [Fact]
    public void Postgres_is_an_odcs_postgres_server_and_no_pii_means_no_tag()
    {
        _project.Write("docs/data/orders.md", DatastoreDocWriter.Render("orders", EngineCatalog.Postgres, "t", "Acme.Orders"));
        Directory.CreateDirectory(_project.FullPath("db/orders/migrations"));
        var root = Parse(Export(new DeclaredDatastore("orders", "postgres")).Contracts.ShouldHaveSingleItem().Yaml);
        S(root, "servers", "0", "type").ShouldBe("postgres");
        root.Children.ContainsKey(new YamlScalarNode("tags")).ShouldBeFalse();
        var retention = ((YamlSequenceNode)root.Children[new YamlScalarNode("slaProperties")]).Children.Single(n => S(n, "property") == "retention");
        S(retention, "value").ShouldBe("indefinite");
    }

    [Theory]
    [InlineData("P90D", "90", "d")]
    [InlineData("P1Y", "1", "y")]
    [InlineData("PT30M", "30", "min")]
    [InlineData("quarterly", "3", "mo")]
    [InlineData("12 months", "12", "mo")]
    [InlineData("P1DT12H", "P1DT12H", null)]
    [InlineData("0 2 * * 1-5", "0 2 * * 1-5", null)]
    public void Durations_become_value_and_unit_when_they_have_one_unit(string text, string value, string? unit)
    {
        var sla = ContractExporter.Sla("x", text, "operational");
        (Convert.ToString(sla.Value, System.Globalization.CultureInfo.InvariantCulture), sla.Unit).ShouldBe((value, unit));
    }

    [Fact]
    public void A_doc_with_errors_exports_nothing()
    {
        _project.WriteDoc(replace: "owner: orders-team", with: "owner: TODO");
        var (contracts, diagnostics) = Export();
        contracts.ShouldBeEmpty();
        diagnostics.ShouldContain(d => d.Id == "STRATA1007");
    }

    [Fact]
    public void The_export_example_in_datastore_docs_md_is_what_the_format_example_exports()
    {
        var format = File.ReadAllText(Path.Combine(DocsCatalogTests.RepoRoot(), "docs", "datastore-docs.md")).ReplaceLineEndings("\n");
        var start = format.IndexOf("```markdown\n", StringComparison.Ordinal) + "```markdown\n".Length;
        _project.Write(TempProject.DocPath, format[start..format.IndexOf("\n```\n", start, StringComparison.Ordinal)] + "\n");
        var exportAt = format.IndexOf("```yaml\n", format.IndexOf("### Exporting the contracts", StringComparison.Ordinal), StringComparison.Ordinal) + "```yaml\n".Length;
        var expected = format[exportAt..(format.IndexOf("```\n", exportAt, StringComparison.Ordinal))];

        var (contracts, diagnostics) = ContractExporter.Export(new ContractExportRequest(_project.Directory, [new("main", "sqlite")]) { ServiceName = "Orders" });
        diagnostics.ShouldBeClean();
        contracts.ShouldHaveSingleItem().Yaml.ReplaceLineEndings("\n").ShouldBe(expected);
    }
}
