using Strata.Core.Catalog;
using Strata.Core.Docs;

namespace Strata.Core.Tests.Docs;

/// <summary>Docs rendered from the engine catalog validate clean, and the service template's doc is exactly a rendered one.</summary>
public sealed class DatastoreDocWriterTests
{
    public static TheoryData<string> Engines() => [.. EngineCatalog.All.Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_rendered_doc_validates_clean_for_every_engine(string engineId)
    {
        var engine = EngineCatalog.Find(engineId)!;
        using var project = new TempProject();
        var name = "store-" + engineId;
        Directory.CreateDirectory(project.FullPath(engine.SchemaFolder(name)));
        project.Write($"docs/data/{name}.md", DatastoreDocWriter.Render(name, engine, "orders-team", "Acme.Orders"));

        project.Validate(new DeclaredDatastore(name, engineId)).ShouldBeClean();
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_rendered_doc_carries_the_catalog_facts(string engineId)
    {
        var engine = EngineCatalog.Find(engineId)!;
        var doc = DatastoreDocWriter.Render("cache", engine, "orders-team", "Acme.Orders");
        doc.ShouldStartWith("---\ndatastore: cache\nengine: " + engineId + "\nowner: orders-team\n");
        doc.ShouldContain("  method: " + engine.BackupMethod + "\n");
        doc.ShouldContain("  mechanism: " + engine.RetentionMechanism + "\n");
        doc.ShouldContain("  location: " + engine.SchemaLocation("cache") + "\n");
        doc.ShouldContain("  period: " + engine.DefaultRetentionPeriod + "\n");
        doc.ShouldNotContain("{name}");
        doc.ShouldNotContain("\n\n\n");
        doc.ShouldEndWith(".\n");
    }

    [Theory]
    [InlineData("team: data", "\"team: data\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("#ops", "\"#ops\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("orders-team", "orders-team")]
    public void Owners_that_YAML_would_misread_are_quoted(string owner, string expected)
    {
        DatastoreDocWriter.YamlScalar(owner).ShouldBe(expected);
        using var project = new TempProject();
        project.Write("docs/data/main.md", DatastoreDocWriter.Render("main", EngineCatalog.Sqlite, owner, "Svc"));
        project.Validate().ShouldBeClean();
    }

    [Fact]
    public void Options_change_purpose_classification_pii_and_retention()
    {
        var doc = DatastoreDocWriter.Render("main", EngineCatalog.Postgres, "t", "Svc",
            new DatastoreDocOptions { Purpose = "Orders: open and closed.", Classification = "confidential", Pii = true, RetentionPeriod = "P90D" });
        doc.ShouldContain("purpose: \"Orders: open and closed.\"\n");
        doc.ShouldContain("classification: confidential\npii: true\n");
        doc.ShouldContain("  period: P90D\n");
        doc.ShouldContain("Data is kept for 90 days; the scheduled DELETE job or partition drop removes it after that.");
    }

    /// <summary>The service template keeps one doc per engine folder; each must be exactly what the catalog renders.</summary>
    [Theory]
    [InlineData("sqlite", "SQLITE_DATASTORE")]
    [InlineData("postgres", "main")]
    public void The_service_templates_docs_are_exactly_the_rendered_docs(string engine, string name)
    {
        var path = Path.Combine(DocsCatalogTests.RepoRoot(), "templates", "content", "strata-service", "engines", engine, "docs", "data", name + ".md");
        var expected = DatastoreDocWriter.Render(name, EngineCatalog.Find(engine)!, "OWNER_TEAM", "Company.Service1");
        if (Environment.GetEnvironmentVariable("STRATA_REGENERATE_TEMPLATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        File.ReadAllText(path).ReplaceLineEndings("\n").ShouldBe(expected,
            $"{path} drifted from the engine catalog; regenerate it with STRATA_REGENERATE_TEMPLATE_DOCS=1 dotnet test tests/Strata.Core.Tests --filter The_service_templates_docs");
    }
}
