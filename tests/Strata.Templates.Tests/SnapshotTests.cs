using Strata.Templates.Tests.Infrastructure;

namespace Strata.Templates.Tests;

/// <summary>The generated tree of the main scenarios, file by file (see Infrastructure/Snapshot.cs to accept changes).</summary>
[Collection(TemplateCollection.Name)]
public sealed class SnapshotTests(TemplateHive hive)
{
    [Fact]
    public async Task Snapshot_default_service()
    {
        var service = await hive.ScaffoldAsync("Orders", "--no-restore");
        Snapshot.Match("strata-service-default", service);
    }

    [Fact]
    public async Task Snapshot_postgres_service()
    {
        var service = await hive.ScaffoldAsync("Orders", "--no-restore", "--stores", "postgres");
        Snapshot.Match("strata-service-postgres", service, RandomSecrets);
    }

    [Fact]
    public async Task Snapshot_all_eight_stores()
    {
        var service = await hive.ScaffoldAsync("Orders", ["--no-restore", .. StoreCombination.AllStores.SelectMany(s => new[] { "--stores", s })]);
        Snapshot.Match("strata-service-all-stores", service, RandomSecrets);
    }

    /// <summary>.env and Prometheus's Qdrant key hold values generated at random per instantiation.</summary>
    private static string RandomSecrets(string content) => System.Text.RegularExpressions.Regex.Replace(content, "[0-9A-F]{32}", "<random>");

    [Fact]
    public async Task Template_list_and_help_describe_every_parameter()
    {
        var list = (await hive.DotnetAsync(hive.ScratchRoot, "new", "list", "strata", "--debug:custom-hive", hive.HiveDirectory)).ShouldSucceed("dotnet new list");
        list.Output.ShouldContain("strata-service");

        var help = (await hive.DotnetAsync(hive.ScratchRoot, "new", "strata-service", "--help", "--debug:custom-hive", hive.HiveDirectory)).ShouldSucceed("--help");
        foreach (var option in new[] { "--stores", "--http-port", "--owner", "--no-restore", "--postgres-flavor", "--pgbouncer", "--redis-name", "sqlite", "postgres", "mongodb", "neo4j", "elasticsearch", "chroma", "qdrant", "redis", "pgvector", "timescaledb" })
        {
            help.Output.ShouldContain(option);
        }
    }

    [Fact]
    public async Task Parameters_reach_the_generated_files()
    {
        var service = await hive.ScaffoldAsync("Billing", "--no-restore", "--http-port", "6123", "--owner", "billing-team");
        (await File.ReadAllTextAsync(Path.Combine(service, "Properties/launchSettings.json"))).ShouldContain("http://127.0.0.1:6123");
        (await File.ReadAllTextAsync(Path.Combine(service, "docs/data/main.md"))).ShouldContain("owner: billing-team");
        var version = typeof(SnapshotTests).Assembly.GetName().Version!;
        (await File.ReadAllTextAsync(Path.Combine(service, "global.json"))).ShouldContain($"\"Strata.Sdk\": \"{version.Major}.{version.Minor}.{version.Build}\"");
    }
}
