using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Templates.Tests.Infrastructure;

namespace Strata.Templates.Tests;

/// <summary>strata-service on the default store, as a user runs it: new -> build (warnings as errors) -> run -> HTTP -> no-op build.</summary>
[Collection(TemplateCollection.Name)]
public sealed class DefaultServiceTests(TemplateHive hive)
{
    [Theory]
    [InlineData("Orders")]
    [InlineData("Acme.Orders")]
    [InlineData("my-service")]
    [InlineData("9lives")]
    public async Task Scaffolded_service_builds_runs_serves_crud_and_rebuilds_without_strata_work(string name)
    {
        var service = await hive.ScaffoldAsync(name);

        var build = (await Build(service)).ShouldSucceed("first build");
        build.Output.ShouldContain("Strata: main (sqlite): 1 migration (0001) -> obj/strata/main/migrate.sql");
        build.Output.ShouldContain("0 Warning(s)");

        // A backup file, as ops/ writes them: /metrics reports its time for the RPO alert.
        Directory.CreateDirectory(Path.Combine(service, "backups", "main"));
        await File.WriteAllTextAsync(Path.Combine(service, "backups", "main", "main-20261121T000000Z.db"), "backup");
        await using (var running = await RunningService.StartAsync(service, name))
        {
            await ExerciseCrudAsync(running.Client);
            running.Log.ShouldContain("Datastore 'main': applied 1 migration");
            await MetricsShowRequestsHealthAndBackupsAsync(running.Client);
        }

        var noop = (await Build(service, "-v:d")).ShouldSucceed("second build");
        noop.Output.ShouldContain("Skipping target \"StrataValidateDatastoreDocs\" because all output files are up-to-date");
        noop.Output.ShouldContain("Skipping target \"StrataGenerateMigrations\" because all output files are up-to-date");
        noop.Output.ShouldNotContain("Task \"ValidateDatastoreDocs\"");
        noop.Output.ShouldNotContain("Task \"GenerateMigrationScripts\"");
        noop.Output.ShouldNotContain("Strata: main");
    }

    [Fact]
    public async Task Adding_a_migration_reruns_strata_and_the_service_applies_it_with_dotnet_run_migrate()
    {
        var service = await hive.ScaffoldAsync("Shop");
        (await Build(service)).ShouldSucceed("first build");
        await File.WriteAllTextAsync(Path.Combine(service, "db/main/migrations/0002_add_notes.sql"), "ALTER TABLE todos ADD COLUMN notes TEXT;\n");

        var build = (await Build(service)).ShouldSucceed("build after adding a migration");
        build.Output.ShouldContain("Strata: main (sqlite): 2 migrations (0001..0002)");

        var migrate = (await hive.DotnetAsync(service, "run", "--no-build", "--", "migrate")).ShouldSucceed("dotnet run -- migrate");
        migrate.Output.ShouldContain("0002");
        var status = (await hive.DotnetAsync(service, "run", "--no-build", "--", "migrate", "status")).ShouldSucceed("migrate status");
        status.Output.Split('\n').Single(l => l.StartsWith("0002", StringComparison.Ordinal)).ShouldContain("applied");
        status.Output.ShouldContain("2 applied, 0 pending");
    }

    /// <summary>The inputs of the monitoring profile's alerts (ops/monitoring/prometheus/alerts.yml) are on /metrics.</summary>
    internal static async Task MetricsShowRequestsHealthAndBackupsAsync(HttpClient client)
    {
        var metrics = await client.GetStringAsync("/metrics");
        metrics.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
        metrics.ShouldMatch("""http_server_request_duration_seconds_count\{http_request_method="POST",http_response_status_code="201"\} [1-9]""");
        metrics.ShouldMatch("""http_server_request_duration_seconds_bucket\{http_request_method="GET",http_response_status_code="200",le="0.5"\} [1-9]""");
        metrics.ShouldContain("strata_datastore_up{datastore=\"main\"} 1");
        metrics.ShouldMatch("""strata_backup_last_success_timestamp_seconds\{datastore="main"\} \d{10}""");
    }

    private Task<ProcessResult> Build(string service, params string[] extra) =>
        hive.DotnetAsync(service, ["build", "-nologo", "-tl:off", "-warnaserror", .. extra]);

    internal static async Task ExerciseCrudAsync(HttpClient client)
    {
        (await client.GetStringAsync("/health")).ShouldBe("Healthy");

        var created = await client.PostAsJsonAsync("/todos", new { title = "write the first migration" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var todo = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = todo.GetProperty("id").GetInt64();
        created.Headers.Location!.ToString().ShouldBe($"/todos/{id}");

        (await client.PostAsJsonAsync("/todos", new { title = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var list = await client.GetFromJsonAsync<JsonElement>("/todos");
        list.GetArrayLength().ShouldBe(1);

        var updated = await client.PutAsJsonAsync($"/todos/{id}", new { done = true });
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("done").GetBoolean().ShouldBeTrue();

        (await client.GetFromJsonAsync<JsonElement>($"/todos/{id}")).GetProperty("title").GetString().ShouldBe("write the first migration");
        (await client.DeleteAsync($"/todos/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync($"/todos/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
