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

    [PostgresFact]
    public async Task The_ci_dry_run_applies_pending_migrations_to_the_real_database_and_keeps_nothing()
    {
        var service = await hive.ScaffoldAsync("Dry", "--stores", "postgres");
        var database = postgres.CreateDatabase();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__main"] = $"Host=127.0.0.1;Port={postgres.Port};Database={database};Username={PostgresServer.User}",
            ["PGPASSWORD"] = postgres.Password,
        };

        var clean = (await hive.DotnetAsync(service, environment, "build", "-nologo", "-tl:off", "-p:StrataDryRun=true")).ShouldSucceed("dry run");
        clean.Output.ShouldContain("Strata: dry run main (postgres): 1 pending migration applied cleanly in a transaction that was rolled back");
        postgres.Query(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").ShouldBe(["0"]);

        await File.WriteAllTextAsync(Path.Combine(service, "db/main/migrations/0002_bad.sql"), "-- typo\nALTER TABLE todo ADD COLUMN notes text;\n");
        var failed = await hive.DotnetAsync(service, environment, "build", "-nologo", "-tl:off", "-p:StrataDryRun=true");
        failed.ExitCode.ShouldNotBe(0);
        failed.Output.ShouldMatch(@"0002_bad\.sql\(2,1[,)].*error STRATA2050: Dry run: migration 0002 'bad' fails: 42P01");
    }

    [PostgresFact]
    public async Task The_published_service_is_precompiled_and_migrates_with_the_password_from_configuration()
    {
        var service = await hive.ScaffoldAsync("Shipped", "--stores", "postgres");
        var output = Path.Combine(service, "out");
        (await hive.DotnetAsync(service, "publish", "-nologo", "-tl:off", "-warnaserror", "-o", output)).ShouldSucceed("publish");

        // ReadyToRun images of the service and of the packages its start-up runs (PE headers, as the runtime reads them).
        foreach (var assembly in new[] { "Shipped.dll", "Npgsql.dll", "Strata.Migrations.dll", "Strata.Hosting.dll" })
        {
            ReadyToRun.IsImage(Path.Combine(output, assembly)).ShouldBeTrue(assembly);
        }

        var database = postgres.CreateDatabase();
        var environment = new Dictionary<string, string?>
        {
            // No password in the connection string: POSTGRES_PASSWORD from configuration (the environment here) fills it,
            // for the migrations' own data source as for the service's.
            ["ConnectionStrings__main"] = $"Host=127.0.0.1;Port={postgres.Port};Database={database};Username={PostgresServer.User}",
            ["POSTGRES_PASSWORD"] = postgres.Password,
            ["PGPASSWORD"] = null,
        };
        var migrate = (await ProcessRunner.RunAsync("dotnet", [Path.Combine(output, "Shipped.dll"), "migrate"], output, environment)).ShouldSucceed("migrate");
        migrate.Output.ShouldContain("applied 1 migration");
        migrate.Output.ShouldNotContain(postgres.Password);
        postgres.Query(database, "SELECT version FROM strata_schema_history").ShouldBe(["1"]);
    }

    private Task<ProcessResult> Build(string service) => hive.DotnetAsync(service, "build", "-nologo", "-tl:off", "-warnaserror");
}
