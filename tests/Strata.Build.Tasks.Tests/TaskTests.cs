namespace Strata.Build.Tasks.Tests;

/// <summary>The tasks driven directly, as MSBuild drives them: items in, coded errors with file/line/column and help links out.</summary>
public sealed class TaskTests : IDisposable
{
    private readonly TaskProject _project = new();

    public void Dispose() => _project.Dispose();

    private GenerateMigrationScripts Generate(params Microsoft.Build.Framework.ITaskItem[] datastores) => new()
    {
        BuildEngine = _project.Engine,
        ProjectFile = _project.ProjectFile,
        Datastores = datastores.Length == 0 ? [TaskProject.Datastore("main", "sqlite")] : datastores,
        OutputDirectory = "obj/strata/",
    };

    private ValidateDatastoreDocs Validate(params Microsoft.Build.Framework.ITaskItem[] datastores) => new()
    {
        BuildEngine = _project.Engine,
        ProjectFile = _project.ProjectFile,
        Datastores = datastores.Length == 0 ? [TaskProject.Datastore("main", "sqlite")] : datastores,
    };

    [Fact]
    public void Generate_renders_a_users_script_template_with_Handlebars()
    {
        File.WriteAllText(Path.Combine(_project.Root, "migrate.hbs"), "-- {{datastore}}/{{engine}}\n{{#each migrations}}{{version}}:{{#if transactional}}tx{{else}}none{{/if}}\n{{/each}}");
        var task = Generate();
        task.ScriptTemplate = "migrate.hbs";
        task.Execute().ShouldBeTrue();
        File.ReadAllText(Path.Combine(_project.Root, "obj/strata/main/migrate.sql")).ShouldBe("-- main/sqlite\n0001:tx\n");
    }

    [Fact]
    public void Generate_writes_the_script_and_reports_it_in_one_line()
    {
        var task = Generate();
        task.Execute().ShouldBeTrue();
        var script = Path.Combine(_project.Root, "obj/strata/main/migrate.sql");
        File.ReadAllText(script).ShouldContain("-- strata:migration version=0001");
        _project.Engine.Messages.ShouldContain(m => m.Message == "Strata: main (sqlite): 1 migration (0001) -> obj/strata/main/migrate.sql");
    }

    [Fact]
    public void Generate_leaves_an_unchanged_script_untouched()
    {
        Generate().Execute().ShouldBeTrue();
        var script = Path.Combine(_project.Root, "obj/strata/main/migrate.sql");
        var stamp = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(script, stamp);
        Generate().Execute().ShouldBeTrue();
        File.GetLastWriteTimeUtc(script).ShouldBe(stamp);
    }

    [Fact]
    public void A_lexical_error_is_logged_with_code_absolute_file_line_column_and_help_link()
    {
        _project.Write("db/main/migrations/0002_bad.sql", "SELECT 1;\nSELECT \"unclosed;\n");
        var task = Generate();
        task.Execute().ShouldBeFalse();
        var error = _project.Engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe("STRATA2006");
        error.File.ShouldBe(Path.Combine(_project.Root, "db/main/migrations/0002_bad.sql"));
        (error.LineNumber, error.ColumnNumber).ShouldBe((2, 8));
        error.HelpLink.ShouldEndWith("docs/diagnostics/STRATA2006.md");
        File.Exists(Path.Combine(_project.Root, "obj/strata/main/migrate.sql")).ShouldBeFalse();
    }

    [Fact]
    public void Validate_passes_a_complete_doc() => Validate().Execute().ShouldBeTrue(string.Join("\n", _project.Engine.Errors.Select(e => e.Message)));

    [Fact]
    public void Validate_reports_a_missing_doc_at_the_expected_path()
    {
        File.Delete(Path.Combine(_project.Root, "docs/data/main.md"));
        Validate().Execute().ShouldBeFalse();
        var error = _project.Engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe("STRATA1001");
        error.File.ShouldBe(Path.Combine(_project.Root, "docs/data/main.md"));
    }

    [Fact]
    public void A_bad_item_is_reported_at_the_project_file_line()
    {
        Validate(TaskProject.Datastore("main", "oracle")).Execute().ShouldBeFalse();
        var error = _project.Engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe("STRATA0002");
        (error.File, error.LineNumber).ShouldBe((_project.ProjectFile, 3));
    }

    [Fact]
    public void An_unexpected_failure_is_STRATA0005_without_a_stack_trace_in_the_error()
    {
        var task = Generate();
        task.ProjectFile = "\0invalid";
        task.Execute().ShouldBeFalse();
        var error = _project.Engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe("STRATA0005");
        error.Message!.ShouldNotContain("   at ");
    }
}
