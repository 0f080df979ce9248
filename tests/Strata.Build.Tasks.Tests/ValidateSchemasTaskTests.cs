using Strata.Migrations.Schemas;

namespace Strata.Build.Tasks.Tests;

/// <summary>ValidateSchemas driven directly, and Strata.Schemas.targets read as the SDK ships it.</summary>
public sealed class ValidateSchemasTaskTests : IDisposable
{
    private const string Collection = """{ "collections": [ { "name": "documents", "vectors": { "size": 4, "distance": "Cosine" } } ] }""";
    private readonly TaskProject _project = new();

    public void Dispose() => _project.Dispose();

    private string Bundle => Path.Combine(_project.Root, "obj/Debug/net10.0/strata/vectors.schema.json");

    private ValidateSchemas Task(string engine = "qdrant") => new()
    {
        BuildEngine = _project.Engine,
        ProjectFile = _project.ProjectFile,
        Datastores = [TaskProject.Datastore("main", "sqlite"), TaskProject.Datastore("vectors", engine)],
        OutputDirectory = "obj/Debug/net10.0/strata/",
        DocsDirectory = "docs/data",
    };

    [Fact]
    public void Writes_the_bundle_once_and_reports_it_in_one_line()
    {
        _project.Write("db/vectors/schema/0001_documents.json", Collection);
        Task().Execute().ShouldBeTrue();
        var bundle = SchemaBundle.Parse(File.ReadAllText(Bundle));
        bundle.Files.ShouldHaveSingleItem().Path.ShouldBe("db/vectors/schema/0001_documents.json");
        _project.Engine.Messages.ShouldContain(m => m.Message == "Strata: vectors (qdrant): 1 schema file (0001) -> obj/Debug/net10.0/strata/vectors.schema.json");

        var stamp = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Bundle, stamp);
        Task().Execute().ShouldBeTrue();
        File.GetLastWriteTimeUtc(Bundle).ShouldBe(stamp, "an unchanged bundle is not rewritten");
    }

    [Fact]
    public void A_datastore_without_schema_files_gets_an_empty_bundle()
    {
        Task().Execute().ShouldBeTrue();
        SchemaBundle.Parse(File.ReadAllText(Bundle)).Files.ShouldBeEmpty();
    }

    [Fact]
    public void An_error_is_logged_with_code_absolute_file_line_column_and_help_link_and_nothing_is_written()
    {
        _project.Write("db/vectors/schema/0001_documents.json", "{ \"collections\": [\n  { \"name\": \"documents\", \"vectors\": { \"size\": 0, \"distance\": \"Cosine\" } } ] }");
        Task().Execute().ShouldBeFalse();
        var error = _project.Engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe("STRATA4401");
        error.File.ShouldBe(Path.Combine(_project.Root, "db/vectors/schema/0001_documents.json"));
        (error.LineNumber, error.ColumnNumber).ShouldBe((2, 47));
        error.HelpLink.ShouldEndWith("docs/diagnostics/STRATA4401.md");
        File.Exists(Bundle).ShouldBeFalse();
    }

    [Fact]
    public void A_warning_is_reported_so_the_target_runs_again()
    {
        _project.Write("db/vectors/schema/0001_keys.json", "{ \"maxmemoryPolicy\": \"volatile-lru\", \"keys\": [ { \"pattern\": \"s:{id}\" } ] }");
        var task = Task("redis");
        task.Execute().ShouldBeTrue();
        _project.Engine.Warnings.ShouldHaveSingleItem().Code.ShouldBe("STRATA4604");
        task.LoggedWarnings.ShouldBeTrue();
    }

    [Fact]
    public void The_bundle_of_a_datastore_that_no_longer_keeps_schema_files_is_removed()
    {
        Task().Execute().ShouldBeTrue();
        File.Exists(Bundle).ShouldBeTrue();
        Task("postgres").Execute().ShouldBeTrue();
        File.Exists(Bundle).ShouldBeFalse();
    }

    [Fact]
    public void The_targets_embed_the_bundle_under_the_applier_resource_name_and_run_incrementally()
    {
        var sdk = Path.Combine(RepoRoot(), "src", "Strata.Sdk", "Sdk");
        var targets = File.ReadAllText(Path.Combine(sdk, "Strata.Schemas.targets"));
        var logicalName = SchemaBundle.ResourceName("%(_StrataSchemaBundle.StrataDatastore)");
        targets.ShouldContain($"LogicalName=\"{logicalName}\"");
        targets.ShouldContain("$(_StrataStateDirectory)%(Datastore.Identity)." + "schema.json");
        ValidateSchemas.BundleFileName("x").ShouldBe("x.schema.json");
        targets.ShouldContain("Inputs=\"$(_StrataInputsFile);@(_StrataInput);$(_StrataSchemaComposeInput)\"");
        targets.ShouldContain("Outputs=\"$(_StrataStateDirectory)schemas.stamp\"");
        File.ReadAllText(Path.Combine(sdk, "Sdk.targets")).ShouldContain("<Import Project=\"Strata.Schemas.targets\" />");
    }

    internal static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Templates.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
