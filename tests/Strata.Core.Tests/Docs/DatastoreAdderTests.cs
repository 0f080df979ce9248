using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Docs;

namespace Strata.Core.Tests.Docs;

/// <summary>Adding a datastore: item, catalog-driven doc and schema folder; never an overwrite; a second add is STRATA3101.</summary>
public sealed class DatastoreAdderTests : IDisposable
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <!-- keep me -->
          <ItemGroup>
            <Datastore Include="main" Engine="sqlite" />
          </ItemGroup>
        </Project>

        """;

    private readonly TempProject _project = new();

    public void Dispose() => _project.Dispose();

    private string ProjectFile => _project.FullPath("Acme.Orders.csproj");

    private AddDatastoreResult Add(string name, string engine, params DatastoreDeclarations.Item[] existing) =>
        DatastoreAdder.Add(new AddDatastoreRequest(ProjectFile, name, engine, "orders-team")
        {
            Existing = existing.Length == 0 ? [new("main", "sqlite")] : existing,
        });

    public static TheoryData<string> Engines() => [.. EngineCatalog.All.Select(e => e.Id)];

    [Theory]
    [MemberData(nameof(Engines))]
    public void Every_engine_is_added_with_files_that_validate_clean(string engineId)
    {
        _project.Write("Acme.Orders.csproj", Project).WriteDoc();
        var result = Add("extra", engineId);
        result.Diagnostics.ShouldBeEmpty(string.Join("\n", result.Diagnostics));
        result.ProjectFileUpdated.ShouldBeTrue();
        File.ReadAllText(ProjectFile).ShouldContain($"    <Datastore Include=\"main\" Engine=\"sqlite\" />\n    <Datastore Include=\"extra\" Engine=\"{engineId}\" />\n");
        var engine = EngineCatalog.Find(engineId)!;
        var expected = engine.SchemaStyle switch
        {
            SchemaStyle.SqlMigrations => new[] { "docs/data/extra.md", "db/extra/migrations/0001_init.sql" },
            _ when engine.InitialSchemaFile is not null => ["docs/data/extra.md", $"db/extra/schema/{engine.InitialSchemaFile}"],
            _ => ["docs/data/extra.md"],
        };
        result.Created.Take(expected.Length).ShouldBe(expected); // then the compose stack's files (DatastoreAdderComposeTests)
        File.ReadAllText(_project.FullPath("docs/data/extra.md")).ShouldBe(DatastoreDocWriter.Render("extra", engine, "orders-team", "Acme.Orders"));
        _project.Validate(new("main", "sqlite"), new("extra", engineId)).ShouldBeClean();
    }

    [Fact]
    public void The_first_sql_migration_creates_a_table_named_after_the_datastore()
    {
        _project.Write("Acme.Orders.csproj", Project);
        Add("order-lines", "postgres").Succeeded.ShouldBeTrue();
        var sql = File.ReadAllText(_project.FullPath("db/order-lines/migrations/0001_init.sql"));
        sql.ShouldStartWith("-- First migration of datastore 'order-lines' (PostgreSQL)");
        sql.ShouldContain("CREATE TABLE order_lines_items (");
        sql.ShouldEndWith(");\n");
    }

    [Fact]
    public void Adding_a_declared_datastore_again_is_STRATA3101_at_the_item_and_changes_nothing()
    {
        _project.Write("Acme.Orders.csproj", Project);
        var result = Add("main", "postgres");
        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Id.ShouldBe("STRATA3101");
        (error.Location.File, error.Location.Line, error.Location.Column).ShouldBe((ProjectFile, 4, 6));
        result.Created.ShouldBeEmpty();
        File.ReadAllText(ProjectFile).ShouldBe(Project);
        File.Exists(_project.FullPath("docs/data/main.md")).ShouldBeFalse();
    }

    [Fact]
    public void An_existing_doc_is_kept_with_STRATA3102_and_the_rest_is_added()
    {
        _project.Write("Acme.Orders.csproj", Project).Write("docs/data/cache.md", "my own words\n");
        var result = Add("cache", "redis");
        var warning = result.Diagnostics.ShouldHaveSingleItem();
        (warning.Id, warning.Location.File).ShouldBe(("STRATA3102", "docs/data/cache.md"));
        File.ReadAllText(_project.FullPath("docs/data/cache.md")).ShouldBe("my own words\n");
        File.ReadAllText(ProjectFile).ShouldContain("<Datastore Include=\"cache\" Engine=\"redis\" />");
    }

    [Fact]
    public void A_non_empty_migrations_folder_gets_no_0001_init()
    {
        _project.Write("Acme.Orders.csproj", Project).Write("db/orders/migrations/0001_mine.sql", "CREATE TABLE t (id INT);\n");
        var result = Add("orders", "sqlite");
        result.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("STRATA3102");
        File.Exists(_project.FullPath("db/orders/migrations/0001_init.sql")).ShouldBeFalse();
        result.Created.ShouldBe(["docs/data/orders.md"]);
    }

    [Theory]
    [InlineData("../../x", "STRATA0003")]
    [InlineData("con", "STRATA0003")]
    [InlineData("Orders", "STRATA0003")]
    [InlineData("", "STRATA3104")]
    public void Bad_names_are_coded_errors_and_write_nothing(string name, string code)
    {
        _project.Write("Acme.Orders.csproj", Project);
        var result = Add(name, "redis");
        result.Diagnostics.ShouldHaveSingleItem().Id.ShouldBe(code);
        File.ReadAllText(ProjectFile).ShouldBe(Project);
        Directory.Exists(_project.FullPath("docs")).ShouldBeFalse();
    }

    [Fact]
    public void An_unknown_engine_is_STRATA0002()
    {
        _project.Write("Acme.Orders.csproj", Project);
        Add("x", "oracle").Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("STRATA0002");
        Add("x", " ").Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("STRATA3104");
    }

    [Fact]
    public void A_malformed_project_file_is_STRATA3103_and_nothing_is_written()
    {
        _project.Write("Acme.Orders.csproj", "<Project><ItemGroup></Project>");
        Add("cache", "redis").Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("STRATA3103");
        File.Exists(_project.FullPath("docs/data/cache.md")).ShouldBeFalse();
    }
}

public sealed class ProjectFileEditorTests
{
    [Fact]
    public void Without_datastores_a_new_item_group_goes_before_the_end_tag_with_the_files_indentation_and_crlf()
    {
        const string text = "<Project Sdk=\"Microsoft.NET.Sdk\">\r\n    <PropertyGroup>\r\n        <X>1</X>\r\n    </PropertyGroup>\r\n</Project>\r\n";
        ProjectFileEditor.AddDatastoreItem(text, "cache", "redis", out var problem).ShouldBe(
            "<Project Sdk=\"Microsoft.NET.Sdk\">\r\n    <PropertyGroup>\r\n        <X>1</X>\r\n    </PropertyGroup>\r\n\r\n"
            + "    <ItemGroup>\r\n        <Datastore Include=\"cache\" Engine=\"redis\" />\r\n    </ItemGroup>\r\n</Project>\r\n");
        problem.ShouldBeNull();
    }

    [Fact]
    public void After_a_datastore_with_a_body_and_quotes_containing_angle_brackets()
    {
        const string text = "<Project>\n  <ItemGroup>\n    <Datastore Include=\"main\" Engine=\"sqlite\" Note='a > b'>\n      <X>1</X>\n    </Datastore>\n    <Other Include=\"y\" />\n  </ItemGroup>\n</Project>";
        ProjectFileEditor.AddDatastoreItem(text, "cache", "redis", out _).ShouldBe(
            "<Project>\n  <ItemGroup>\n    <Datastore Include=\"main\" Engine=\"sqlite\" Note='a > b'>\n      <X>1</X>\n    </Datastore>\n    <Datastore Include=\"cache\" Engine=\"redis\" />\n    <Other Include=\"y\" />\n  </ItemGroup>\n</Project>");
    }

    [Theory]
    [InlineData("<Project>", "not valid XML")]
    [InlineData("<Foo />", "root element is <Foo>")]
    public void Problems_are_explained(string text, string expected)
    {
        ProjectFileEditor.AddDatastoreItem(text, "a", "redis", out var problem).ShouldBeNull();
        problem.ShouldNotBeNull().ShouldContain(expected);
    }
}
