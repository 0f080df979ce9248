using Strata.Core.Catalog;
using Strata.Core.Compose.Writing;

namespace Strata.Core.Tests.Compose;

/// <summary>Rendering details of the generated stack that the template's default names never exercise.</summary>
public sealed class DevStackFilesTests
{
    /// <summary>YAML 1.1 reads yes/on/null as a boolean or null: a datastore of that name must stay a string key and value.</summary>
    [Theory]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("null")]
    public void A_datastore_named_like_a_yaml_keyword_is_quoted_wherever_it_is_written(string name)
    {
        var service = DevStackFiles.Service(EngineCatalog.Redis, name, "db");
        service.ShouldStartWith($"  \"{name}\":\n");
        service.ShouldContain($"strata.datastore: \"{name}\"\n");
        service.ShouldContain($"      - {name}-data:/data\n");
    }

    [Fact]
    public void A_concrete_stack_has_no_template_lines_and_only_the_chosen_stores()
    {
        var selection = new StackSelection
        {
            Names = new Dictionary<string, string> { ["postgres"] = "orders", ["redis"] = "cache" },
            Database = "orders_db",
            PostgresFlavor = "pgvector",
        };
        var compose = DevStackFiles.Compose(StackNaming.For(selection, v => "s-" + v)).Render(selection);
        compose.ShouldNotContain("#if");
        compose.ShouldContain("  orders:\n    image: pgvector/pgvector:");
        compose.ShouldContain("  cache:\n    image: redis:");
        compose.ShouldNotContain("mongo:");
        compose.ShouldNotContain("pgbouncer:");
        var env = DevStackFiles.EnvFile(StackNaming.For(selection, v => "s-" + v), example: false).Render(selection);
        env.ShouldContain("POSTGRES_PASSWORD=s-POSTGRES_PASSWORD\n");
        env.ShouldContain("REDIS_PASSWORD=s-REDIS_PASSWORD\n");
        env.ShouldNotContain("MONGODB_PASSWORD");
    }
}
