namespace Strata.Build.Tasks.Tests;

/// <summary>ValidateCompose driven as MSBuild drives it: compose errors with code, absolute file, line, column and help link.</summary>
public sealed class ValidateComposeTaskTests : IDisposable
{
    private readonly TaskProject _project = new();

    public void Dispose() => _project.Dispose();

    private ValidateCompose Task(string composeFile = "", bool required = false, params Microsoft.Build.Framework.ITaskItem[] datastores) => new()
    {
        BuildEngine = _project.Engine,
        ProjectFile = _project.ProjectFile,
        Datastores = datastores.Length == 0 ? [TaskProject.Datastore("main", "sqlite"), TaskProject.Datastore("cache", "redis")] : datastores,
        ComposeFile = composeFile,
        ComposeFileRequired = required,
    };

    [Fact]
    public void No_compose_file_is_no_check() => Task().Execute().ShouldBeTrue();

    [Fact]
    public void A_good_compose_file_passes()
    {
        _project.Write("compose.yaml", """
            services:
              cache:
                image: redis:7.4.1
                volumes: [cache-data:/data]
                ports: ["127.0.0.1:6379:6379"]
                healthcheck:
                  test: ["CMD", "redis-cli", "ping"]
            volumes:
              cache-data:
            """);
        var task = Task();
        task.Execute().ShouldBeTrue(string.Join("\n", _project.Engine.Errors.Select(e => e.Message)));
        task.LoggedWarnings.ShouldBeFalse();
    }

    [Fact]
    public void A_rule_violation_is_logged_with_code_absolute_file_line_column_and_help_link()
    {
        _project.Write("docker-compose.yml", """
            services:
              cache:
                image: redis:latest
                volumes: [cache-data:/data]
                ports: ["127.0.0.1:6379:6379"]
                healthcheck:
                  test: ["CMD", "redis-cli", "ping"]
            volumes:
              cache-data:
            """);
        Task().Execute().ShouldBeFalse();
        var error = _project.Engine.Errors.ShouldHaveSingleItem();
        error.Code.ShouldBe("STRATA3016");
        error.File.ShouldBe(Path.Combine(_project.Root, "docker-compose.yml"));
        (error.LineNumber, error.ColumnNumber).ShouldBe((3, 12));
        error.HelpLink.ShouldEndWith("docs/diagnostics/STRATA3016.md");
    }

    [Fact]
    public void A_named_file_that_does_not_exist_is_an_error()
    {
        Task("deploy/compose.yaml", required: true).Execute().ShouldBeFalse();
        var error = _project.Engine.Errors.ShouldHaveSingleItem();
        (error.Code, error.File).ShouldBe(("STRATA3001", Path.Combine(_project.Root, "deploy/compose.yaml")));
    }

    [Fact]
    public void Bad_datastore_items_are_left_to_the_docs_check()
    {
        _project.Write("compose.yaml", "services: {}\n");
        Task("", false, TaskProject.Datastore("main", "oracle")).Execute().ShouldBeTrue();
        _project.Engine.Errors.ShouldBeEmpty();
    }
}
