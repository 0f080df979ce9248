using Strata.Templates.Tests.Infrastructure;
using Strata.Tests.Shared;

namespace Strata.Templates.Tests;

/// <summary>strata-service --stores postgres, end to end against a throwaway PostgreSQL started for this class.</summary>
[Collection(TemplateCollection.Name)]
public sealed class PostgresServiceTests(TemplateHive hive, PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [PostgresFact]
    public async Task Postgres_service_builds_migrates_and_serves_crud_with_the_password_from_the_environment()
    {
        var service = await hive.ScaffoldAsync("Ledger", "--stores", "postgres");
        var appsettings = await File.ReadAllTextAsync(Path.Combine(service, "appsettings.json"));
        appsettings.ShouldNotContain("Password", Case.Insensitive);
        (await File.ReadAllTextAsync(Path.Combine(service, "Ledger.csproj"))).ShouldContain("<Datastore Include=\"main\" Engine=\"postgres\" />");

        var build = (await Build(service)).ShouldSucceed("build");
        build.Output.ShouldContain("Strata: main (postgres): 1 migration (0001) -> obj/strata/main/migrate.sql");

        var database = postgres.CreateDatabase();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__main"] = $"Host=127.0.0.1;Port={postgres.Port};Database={database};Username={PostgresServer.User}",
            ["PGPASSWORD"] = postgres.Password,
        };
        await using (var running = await RunningService.StartAsync(service, "Ledger", environment))
        {
            await DefaultServiceTests.ExerciseCrudAsync(running.Client);
            running.Log.ShouldContain("Datastore 'main': applied 1 migration");
        }

        postgres.Query(database, "SELECT version FROM strata_schema_history").ShouldBe(["1"]);
    }

    [PostgresFact]
    public async Task Postgres_and_sqlite_together_build_and_both_are_healthy()
    {
        var service = await hive.ScaffoldAsync("Mixed", "--stores", "postgres", "--stores", "sqlite");
        var build = (await Build(service)).ShouldSucceed("build");
        build.Output.ShouldContain("Strata: main (postgres)");
        build.Output.ShouldContain("Strata: sqlite (sqlite)");

        var database = postgres.CreateDatabase();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__main"] = postgres.ConnectionString(database),
        };
        await using var running = await RunningService.StartAsync(service, "Mixed", environment);
        (await running.Client.GetStringAsync("/health")).ShouldBe("Healthy");
        running.Log.ShouldContain("Datastore 'sqlite': applied 1 migration");
    }

    private Task<ProcessResult> Build(string service) => hive.DotnetAsync(service, "build", "-nologo", "-tl:off", "-warnaserror");
}
