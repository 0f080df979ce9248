namespace Strata.Core.Tests.Schemas;

/// <summary>STRATA46xx: Redis schema files, and their eviction policy against the compose service.</summary>
public sealed class RedisSchemaTests : IDisposable
{
    private const string File = "db/cache/schema/0001_keys.json";
    private readonly SchemaProject _project = new();

    public void Dispose() => _project.Dispose();

    private const string Example = """
        {
          "maxmemoryPolicy": "allkeys-lru",
          "keys": [ { "pattern": "todo:{id}", "ttl": "PT10M", "purpose": "rendered todo, rebuilt on a miss" } ]
        }
        """;

    private static string Compose(string command) => $$"""
        services:
          cache:
            image: redis:7.4.1
            command: {{command}}
        """;

    private Strata.Core.Schemas.SchemaBuildResult Run(string json)
    {
        _project.Write(File, json);
        return _project.Run(("cache", "redis"));
    }

    [Fact]
    public void The_documented_example_agrees_with_the_generated_compose_command()
    {
        _project.Write("compose.yaml", Compose("[\"sh\", \"-c\", \"exec redis-server --requirepass \\\"$${REDIS_PASSWORD}\\\" --appendonly yes --maxmemory 256mb --maxmemory-policy allkeys-lru\"]"));
        Run(Example).ShouldBeClean();
    }

    [Fact]
    public void Without_a_compose_file_the_policy_is_not_compared() => Run(Example.Replace("allkeys-lru", "allkeys-lfu", StringComparison.Ordinal)).ShouldBeClean();

    [Fact]
    public void STRATA4601_policy_disagrees_with_compose()
    {
        _project.Write("compose.yaml", Compose("redis-server --maxmemory-policy volatile-lru"));
        var d = Run(Example).ShouldReport("STRATA4601", File, 2, 22);
        d.Message.ShouldContain("--maxmemory-policy volatile-lru");
        d.Message.ShouldContain("compose.yaml");
    }

    [Fact]
    public void STRATA4601_compose_without_the_flag_means_noeviction()
    {
        _project.Write("compose.yaml", Compose("redis-server"));
        Run(Example).ShouldReport("STRATA4601", File, 2, 22).Message.ShouldContain("noeviction");
    }

    [Fact]
    public void The_last_file_that_sets_the_policy_decides()
    {
        _project.Write("compose.yaml", Compose("redis-server --maxmemory-policy allkeys-lfu"));
        _project.Write("db/cache/schema/0002_lfu.json", "{ \"maxmemoryPolicy\": \"allkeys-lfu\" }");
        Run(Example).ShouldBeClean();
    }

    [Fact]
    public void STRATA4602_pattern_declared_twice_across_files()
    {
        _project.Write("db/cache/schema/0002_again.json", "{ \"keys\": [\n { \"pattern\": \"todo:{id}\", \"ttl\": \"PT1M\" } ] }");
        var d = Run(Example).ShouldReport("STRATA4602", "db/cache/schema/0002_again.json", 2, 15);
        d.Message.ShouldContain(File);
    }

    [Fact]
    public void STRATA4603_ttl_not_iso()
    {
        Run("{ \"keys\": [\n { \"pattern\": \"a\", \"ttl\": \"10 minutes\" } ] }").ShouldReport("STRATA4603", File, 2, 27);
    }

    [Fact]
    public void STRATA4604_key_without_ttl_under_a_volatile_policy()
    {
        var d = Run("{ \"maxmemoryPolicy\": \"volatile-ttl\", \"keys\": [\n { \"pattern\": \"session:{id}\" } ] }").ShouldReport("STRATA4604", File, 2, 15);
        d.Severity.ShouldBe(Strata.Core.Diagnostics.DiagnosticSeverity.Warning);
    }

    [Fact]
    public void STRATA4604_not_flagged_under_an_allkeys_policy() =>
        Run("{ \"maxmemoryPolicy\": \"allkeys-lru\", \"keys\": [\n { \"pattern\": \"session:{id}\" } ] }").ShouldBeClean();

    [Fact]
    public void STRATA4015_unknown_policy()
    {
        Run("{ \"maxmemoryPolicy\": \"allkeys-lrv\" }").ShouldReport("STRATA4015", File, 1, 22).Message.ShouldContain("allkeys-lru");
    }
}
