using Strata.Core.Catalog;

namespace Strata.Build.Tasks.Tests;

/// <summary>AddDatastore and ExportDataContracts driven directly: files, project edit, contracts, coded errors.</summary>
public sealed class DatastoreTaskTests : IDisposable
{
    private readonly TaskProject _project = new();

    public void Dispose() => _project.Dispose();

    private AddDatastore Add(string name, string engine) => new()
    {
        BuildEngine = _project.Engine,
        ProjectFile = _project.ProjectFile,
        Datastores = [TaskProject.Datastore("main", "sqlite")],
        Name = name,
        Engine = engine,
        Owner = "orders-team",
    };

    [Fact]
    public void Add_creates_the_doc_and_migration_edits_the_project_and_reports_them()
    {
        var task = Add("orders", "postgres");
        task.Execute().ShouldBeTrue(string.Join("\n", _project.Engine.Errors.Select(e => e.Message)));
        task.CreatedFiles.ShouldBe(["docs/data/orders.md", "db/orders/migrations/0001_init.sql", "compose.yaml", ".env", ".env.example", ".gitignore"]);
        File.ReadAllText(_project.ProjectFile).ShouldContain("    <Datastore Include=\"main\" Engine=\"sqlite\" />\n    <Datastore Include=\"orders\" Engine=\"postgres\" />\n");
        _project.Engine.Messages.ShouldContain(m => m.Message == "Strata: created docs/data/orders.md");
        _project.Engine.Messages.ShouldContain(m => m.Message == "Strata: added compose service 'orders' (postgres:17.2, 127.0.0.1:5432) and volume 'orders-data' to compose.yaml");
        _project.Engine.Messages.ShouldContain(m => m.Message == "Strata: added POSTGRES_PASSWORD to .env (a random value) and .env.example");
        _project.Engine.Messages.ShouldContain(m => m.Message == "Strata: added <Datastore Include=\"orders\" Engine=\"postgres\" /> to Service.csproj");

        var validate = new ValidateDatastoreDocs
        {
            BuildEngine = _project.Engine,
            ProjectFile = _project.ProjectFile,
            Datastores = [TaskProject.Datastore("main", "sqlite"), TaskProject.Datastore("orders", "postgres")],
        };
        validate.Execute().ShouldBeTrue(string.Join("\n", _project.Engine.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void Adding_a_declared_name_is_STRATA3101_at_the_item_with_a_help_link()
    {
        var before = File.ReadAllText(_project.ProjectFile);
        Add("main", "sqlite").Execute().ShouldBeFalse();
        var error = _project.Engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe("STRATA3101");
        (error.File, error.LineNumber, error.ColumnNumber).ShouldBe((_project.ProjectFile, 3, 6));
        error.HelpLink.ShouldEndWith("docs/diagnostics/STRATA3101.md");
        File.ReadAllText(_project.ProjectFile).ShouldBe(before);
    }

    [Fact]
    public void An_existing_doc_is_a_warning_with_its_absolute_path_and_is_not_touched()
    {
        _project.Write("docs/data/cache.md", "mine\n");
        Add("cache", "redis").Execute().ShouldBeTrue();
        var warning = _project.Engine.Warnings.ShouldHaveSingleItem();
        (warning.Code, warning.File).ShouldBe(("STRATA3102", Path.Combine(_project.Root, "docs/data/cache.md")));
        File.ReadAllText(Path.Combine(_project.Root, "docs/data/cache.md")).ShouldBe("mine\n");
    }

    [Fact]
    public void Missing_parameters_are_STRATA3104()
    {
        Add("", "").Execute().ShouldBeFalse();
        _project.Engine.Errors.ShouldHaveSingleItem().Code.ShouldBe("STRATA3104");
    }

    [Fact]
    public void Export_writes_one_odcs_contract_per_datastore()
    {
        var task = new ExportDataContracts
        {
            BuildEngine = _project.Engine,
            ProjectFile = _project.ProjectFile,
            Datastores = [TaskProject.Datastore("main", "sqlite")],
            OutputDirectory = "obj/strata/contracts",
            ContractVersion = "0.1.0",
        };
        task.Execute().ShouldBeTrue(string.Join("\n", _project.Engine.Errors.Select(e => e.Message)));
        var path = Path.Combine(_project.Root, "obj/strata/contracts/main.odcs.yaml");
        task.Contracts.ShouldHaveSingleItem().ItemSpec.ShouldBe(path);
        var yaml = File.ReadAllText(path);
        yaml.ShouldStartWith("apiVersion: v3.0.");
        yaml.ShouldContain("kind: DataContract\nid: Service.main\nname: main\nversion: 0.1.0\nstatus: active\n");
    }

    [Fact]
    public void Export_of_a_broken_doc_fails_with_the_doc_error_and_writes_nothing()
    {
        _project.Write("docs/data/main.md", "no front matter\n");
        var task = new ExportDataContracts
        {
            BuildEngine = _project.Engine,
            ProjectFile = _project.ProjectFile,
            Datastores = [TaskProject.Datastore("main", "sqlite")],
            OutputDirectory = "obj/strata/contracts",
        };
        task.Execute().ShouldBeFalse();
        _project.Engine.Errors.ShouldHaveSingleItem().Code.ShouldBe("STRATA1004");
        Directory.Exists(Path.Combine(_project.Root, "obj/strata/contracts")).ShouldBeFalse();
    }

    [Fact]
    public void The_item_templates_engine_choices_are_the_catalog_ids()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "Templates.sln")))
        {
            dir = dir.Parent;
        }

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "templates/content/strata-datastore/.template.config/template.json")));
        var choices = json.RootElement.GetProperty("symbols").GetProperty("Engine").GetProperty("choices").EnumerateArray()
            .Select(c => c.GetProperty("choice").GetString()!).ToList();
        choices.ShouldBe(EngineCatalog.All.Select(e => e.Id).ToList());
    }
}
