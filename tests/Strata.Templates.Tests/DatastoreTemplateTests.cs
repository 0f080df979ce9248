using Strata.Templates.Tests.Infrastructure;

namespace Strata.Templates.Tests;

/// <summary>
/// dotnet new strata-datastore in a scaffolded service: adds datastores (and their compose services) that build clean,
/// refuses a second add, never overwrites.
/// </summary>
[Collection(TemplateCollection.Name)]
public sealed class DatastoreTemplateTests(TemplateHive hive)
{
    private Task<ProcessResult> AddDatastore(string service, string name, string engine, params string[] extra) =>
        hive.DotnetAsync(service, ["new", "strata-datastore", "-n", name, "--engine", engine, "--allow-scripts", "yes", "--debug:custom-hive", hive.HiveDirectory, .. extra]);

    private Task<ProcessResult> Build(string service, params string[] extra) =>
        hive.DotnetAsync(service, ["build", "-nologo", "-tl:off", "-warnaserror", .. extra]);

    [Fact]
    public async Task Postgres_and_redis_datastores_are_added_and_the_service_builds_clean_and_exports_contracts()
    {
        var service = await hive.ScaffoldAsync("Shop");

        var postgres = (await AddDatastore(service, "orders", "postgres", "--owner", "orders-team")).ShouldSucceed("strata-datastore postgres");
        postgres.Output.ShouldContain("Strata: created docs/data/orders.md");
        postgres.Output.ShouldContain("Strata: created db/orders/migrations/0001_init.sql");
        postgres.Output.ShouldContain("Strata: created compose.yaml");
        postgres.Output.ShouldContain("Strata: added POSTGRES_PASSWORD to .env (a random value) and .env.example");
        (await AddDatastore(service, "cache", "redis")).ShouldSucceed("strata-datastore redis");

        var project = await File.ReadAllTextAsync(Path.Combine(service, "Shop.csproj"));
        project.ShouldContain("    <Datastore Include=\"main\" Engine=\"sqlite\" />\n    <Datastore Include=\"orders\" Engine=\"postgres\" />\n    <Datastore Include=\"cache\" Engine=\"redis\" />\n");
        (await File.ReadAllTextAsync(Path.Combine(service, "docs/data/orders.md"))).ShouldContain("owner: orders-team\n");
        (await File.ReadAllTextAsync(Path.Combine(service, "docs/data/cache.md"))).ShouldContain("  method: rdb-snapshot\n");
        // A cache has no schema, but its conventions (eviction policy, key TTLs) are recorded and checked at build.
        Directory.GetFiles(Path.Combine(service, "db/cache/schema")).Select(Path.GetFileName).ShouldBe(["0001_cache_conventions.json"]);
        File.Exists(Path.Combine(service, ".strata-add-datastore.rsp")).ShouldBeFalse();
        var compose = await File.ReadAllTextAsync(Path.Combine(service, "compose.yaml"));
        compose.ShouldContain("\nservices:\n  orders:\n    image: postgres:17.2\n");
        compose.ShouldContain("\n  cache:\n    image: redis:7.4.1\n");
        compose.ShouldEndWith("volumes:\n  orders-data:\n  cache-data:\n");
        ExternalComposeTools.DockerComposeConfig(Path.Combine(service, "compose.yaml"));

        var build = (await Build(service)).ShouldSucceed("build with two added datastores");
        build.Output.ShouldContain("0 Warning(s)");
        build.Output.ShouldContain("Strata: orders (postgres): 1 migration (0001)");

        var export = (await hive.DotnetAsync(service, "build", "-nologo", "-tl:off", "-t:StrataExportContracts")).ShouldSucceed("StrataExportContracts");
        foreach (var name in new[] { "main", "orders", "cache" })
        {
            var yaml = await File.ReadAllTextAsync(Path.Combine(service, "obj/strata/contracts", name + ".odcs.yaml"));
            yaml.ShouldContain("kind: DataContract\nid: Shop." + name + "\n");
        }

        export.Output.ShouldContain("Strata: cache: data contract -> obj/strata/contracts/cache.odcs.yaml");
    }

    [Fact]
    public async Task A_redis_cache_added_to_a_postgres_service_gets_its_compose_service_and_the_service_builds_clean()
    {
        var service = await hive.ScaffoldAsync("Catalog", "--stores", "postgres");
        var composeFile = Path.Combine(service, "compose.yaml");
        var before = await File.ReadAllTextAsync(composeFile);

        var add = (await AddDatastore(service, "cache", "redis")).ShouldSucceed("strata-datastore redis");
        add.Output.ShouldContain("Strata: added compose service 'cache' (redis:7.4.1, 127.0.0.1:6379) and volume 'cache-data' to compose.yaml");
        add.Output.ShouldContain("Strata: added REDIS_PASSWORD to .env (a random value) and .env.example");

        // The template's stack is kept as it was; the service goes after its last service, the volume after its last volume.
        var compose = await File.ReadAllTextAsync(composeFile);
        var services = before[..(before.IndexOf("\nvolumes:\n", StringComparison.Ordinal) + 1)];
        compose.ShouldStartWith(services + "  cache:\n    image: redis:7.4.1\n");
        compose.ShouldEndWith(before[services.Length..] + "  cache-data:\n");
        (await File.ReadAllTextAsync(Path.Combine(service, ".env"))).ShouldMatch("\nREDIS_PASSWORD=[0-9a-f]{32}\n$");
        (await File.ReadAllTextAsync(Path.Combine(service, ".env.example"))).ShouldEndWith("\nREDIS_PASSWORD=\n");
        ExternalComposeTools.DockerComposeConfig(composeFile);

        var build = (await Build(service)).ShouldSucceed("build with the added cache");
        build.Output.ShouldContain("0 Warning(s)");
    }

    [Fact]
    public async Task Adding_the_same_datastore_twice_is_STRATA3101_and_changes_nothing_even_with_force()
    {
        var service = await hive.ScaffoldAsync("Billing", "--no-restore");
        (await AddDatastore(service, "cache", "redis")).ShouldSucceed("first add");
        var doc = Path.Combine(service, "docs/data/cache.md");
        await File.WriteAllTextAsync(doc, (await File.ReadAllTextAsync(doc)).Replace("## Purpose\n", "## Purpose\nEdited by a human.\n", StringComparison.Ordinal));
        var edited = await File.ReadAllTextAsync(doc);
        var project = await File.ReadAllTextAsync(Path.Combine(service, "Billing.csproj"));
        var stack = new[] { "compose.yaml", ".env", ".env.example", ".gitignore" }.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(service, f)));
        stack["compose.yaml"].ShouldContain("\n  cache:\n");

        foreach (var extra in new[] { Array.Empty<string>(), ["--force"] })
        {
            var second = await AddDatastore(service, "cache", "redis", extra);
            second.ExitCode.ShouldNotBe(0, second.Output);
            second.Output.ShouldContain("error STRATA3101: Datastore 'cache' is already declared");
            (await File.ReadAllTextAsync(doc)).ShouldBe(edited);
            (await File.ReadAllTextAsync(Path.Combine(service, "Billing.csproj"))).ShouldBe(project);
            stack.ShouldAllBe(f => File.ReadAllText(Path.Combine(service, f.Key)) == f.Value);
            File.Exists(Path.Combine(service, ".strata-add-datastore.rsp")).ShouldBeFalse();
        }

        // The main datastore came with the service template: also refused, its doc untouched.
        var mainDoc = await File.ReadAllTextAsync(Path.Combine(service, "docs/data/main.md"));
        (await AddDatastore(service, "main", "postgres", "--force")).Output.ShouldContain("error STRATA3101");
        (await File.ReadAllTextAsync(Path.Combine(service, "docs/data/main.md"))).ShouldBe(mainDoc);
    }

    [Fact]
    public async Task A_doc_written_before_the_datastore_is_added_is_kept_with_a_warning()
    {
        var service = await hive.ScaffoldAsync("Search", "--no-restore");
        var doc = Path.Combine(service, "docs/data/search.md");
        await File.WriteAllTextAsync(doc, "my own doc\n");

        var add = (await AddDatastore(service, "search", "mongodb", "--force")).ShouldSucceed("add over an existing doc");
        add.Output.ShouldContain("warning STRATA3102: 'docs/data/search.md' already exists and was kept as it is");
        add.Output.ShouldContain("Strata: created db/search/schema/0001_create_events.json");
        (await File.ReadAllTextAsync(doc)).ShouldBe("my own doc\n");
        (await File.ReadAllTextAsync(Path.Combine(service, "Search.csproj"))).ShouldContain("<Datastore Include=\"search\" Engine=\"mongodb\" />");
    }

    [Fact]
    public async Task An_unsafe_name_is_a_coded_error()
    {
        var service = await hive.ScaffoldAsync("Unsafe", "--no-restore");
        var result = await AddDatastore(service, "con", "redis");
        result.ExitCode.ShouldNotBe(0, result.Output);
        result.Output.ShouldContain("error STRATA0003");
        File.Exists(Path.Combine(service, "docs/data/con.md")).ShouldBeFalse();
    }
}
