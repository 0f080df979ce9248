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

    /// <summary>
    /// The service template keeps each engine's files at their final paths, named with its token; its doc and schema folder must be exactly
    /// what the catalog plans for a new datastore (DatastoreAdder.PlanFiles), with the template's name token. The SQL
    /// engines' first migration is the /todos table instead of the adder's 0001_init.sql, so only their doc is compared.
    /// </summary>
    [Theory]
    [InlineData("sqlite", "SQLITE_DATASTORE")]
    [InlineData("postgres", "main")]
    [InlineData("mongodb", "MONGODB_DATASTORE")]
    [InlineData("neo4j", "NEO4J_DATASTORE")]
    [InlineData("elasticsearch", "ELASTICSEARCH_DATASTORE")]
    [InlineData("chroma", "CHROMA_DATASTORE")]
    [InlineData("qdrant", "QDRANT_DATASTORE")]
    [InlineData("redis", "REDIS_DATASTORE")]
    public void The_service_templates_engine_folders_are_exactly_the_planned_files(string engine, string name)
    {
        var root = Path.Combine(DocsCatalogTests.RepoRoot(), "templates", "content", "strata-service");
        var descriptor = EngineCatalog.Find(engine)!;
        var planned = Strata.Core.Datastores.DatastoreAdder.PlanFiles(name, descriptor, "OWNER_TEAM", "Company.Service1")
            .Where(f => descriptor.SchemaStyle != SchemaStyle.SqlMigrations || f.Relative.StartsWith("docs/", StringComparison.Ordinal));
        foreach (var (relative, planFile) in planned)
        {
            // The service template also writes ops/backup|restore|drill/<name>.sh, so its docs name the backup script
            // (the item template's do not: it writes no scripts).
            var expected = relative.StartsWith("docs/", StringComparison.Ordinal)
                ? DatastoreDocWriter.Render(name, descriptor, "OWNER_TEAM", "Company.Service1", new DatastoreDocOptions { BackupScripts = true })
                : planFile;
            TemplateFileDrift.ShouldMatch(Path.Combine(root, relative), expected);
        }
    }
}
