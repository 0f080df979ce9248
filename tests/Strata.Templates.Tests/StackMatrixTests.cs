using System.Text.RegularExpressions;
using Strata.Templates.Tests.Infrastructure;

namespace Strata.Templates.Tests;

/// <summary>
/// Every single store, all eight together (with PgBouncer), and an all-pairs set of stores x flavor x PgBouncer: each is
/// scaffolded, built with warnings as errors (which runs Strata's own compose check), and its compose file is accepted
/// by Debian's `docker-compose config` and npm's dclint; no generated file holds a secret or binds beyond loopback.
/// </summary>
[Collection(TemplateCollection.Name)]
public sealed partial class StackMatrixTests(TemplateHive hive)
{
    public static TheoryData<string> Combinations()
    {
        var data = new TheoryData<string>();
        foreach (var store in StoreCombination.AllStores)
        {
            data.Add(Encode(new StoreCombination([store])));
        }

        data.Add(Encode(new StoreCombination(StoreCombination.AllStores, "pgvector", PgBouncer: true)));
        foreach (var combination in StoreCombination.AllPairs())
        {
            data.Add(Encode(combination));
        }

        return data;
    }

    [Fact]
    public void The_all_pairs_set_covers_every_flavor_and_both_pgbouncer_settings()
    {
        var pairs = StoreCombination.AllPairs();
        pairs.Select(c => c.Flavor).Distinct().Order().ShouldBe(StoreCombination.Flavors.Order());
        pairs.Select(c => c.PgBouncer).Distinct().Count().ShouldBe(2);
        pairs.Count.ShouldBeLessThan(16); // stays a small set; the tests build each one
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task Scaffolds_builds_and_passes_every_compose_check(string encoded)
    {
        var combination = Decode(encoded);
        var service = await hive.ScaffoldAsync("Stack", ["--no-restore", .. combination.Arguments()]);
        var compose = Path.Combine(service, "compose.yaml");
        var servers = combination.Stores.Any(s => s != "sqlite");
        File.Exists(compose).ShouldBe(servers, "compose.yaml exists exactly when a server store is chosen");
        NoSecretAndLoopbackOnly(service);

        if (servers)
        {
            ExternalComposeTools.DockerComposeConfig(compose);
            ExternalComposeTools.Dclint(compose);
            var text = await File.ReadAllTextAsync(compose);
            text.ShouldNotContain("#if");
            text.ShouldNotContain(":latest");
            (await File.ReadAllTextAsync(Path.Combine(service, ".gitignore"))).ShouldContain("\n.env\n");
            if (combination.Stores.Contains("postgres"))
            {
                text.ShouldContain("image: " + combination.Flavor switch
                {
                    "pgvector" => "pgvector/pgvector:",
                    "postgis" => "postgis/postgis:",
                    "timescaledb" => "timescale/timescaledb:",
                    _ => "postgres:",
                });
                text.Contains("  pgbouncer:\n", StringComparison.Ordinal).ShouldBe(combination.PgBouncer);
            }
        }

        WorkflowRunsOnlyWhatTheTreeHas(service, combination);

        var build = (await hive.DotnetAsync(service, "build", "-warnaserror", "-nologo", "-tl:off", "-v:m")).ShouldSucceed("build " + combination);
        Regex.IsMatch(build.Output, @"STRATA\d{4}").ShouldBeFalse(build.Output);
    }

    [Fact]
    public async Task Ci_none_writes_no_workflow()
    {
        var service = await hive.ScaffoldAsync("NoCi", "--no-restore", "--ci", "none");
        Directory.Exists(Path.Combine(service, ".github")).ShouldBeFalse();
    }

    /// <summary>
    /// The generated GitHub workflow parses as YAML, has no template leftovers, and every script it runs is in the
    /// generated tree; the dry run and the PostgreSQL service exist exactly with PostgreSQL.
    /// </summary>
    private static void WorkflowRunsOnlyWhatTheTreeHas(string service, StoreCombination combination)
    {
        var path = Path.Combine(service, ".github", "workflows", "ci.yml");
        var text = File.ReadAllText(path);
        text.ShouldNotContain("#if");
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(text));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        var job = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)root["jobs"])["build"];
        var runs = ((YamlDotNet.RepresentationModel.YamlSequenceNode)job["steps"]).Children
            .OfType<YamlDotNet.RepresentationModel.YamlMappingNode>()
            .Where(step => step.Children.ContainsKey("run"))
            .Select(step => step["run"].ToString())
            .ToList();
        runs.ShouldNotBeEmpty();
        foreach (Match script in ScriptPath().Matches(string.Join('\n', runs)))
        {
            File.Exists(Path.Combine(service, script.Value)).ShouldBeTrue($"the workflow runs {script.Value}, which the tree does not have");
        }

        var postgres = combination.Stores.Contains("postgres");
        job.Children.ContainsKey("services").ShouldBe(postgres);
        runs.Any(r => r.Contains("StrataDryRun=true", StringComparison.Ordinal)).ShouldBe(postgres);
        runs.Any(r => r.Contains("docker compose", StringComparison.Ordinal)).ShouldBe(combination.Stores.Any(s => s != "sqlite"));
        foreach (var store in combination.Stores.Where(s => s is "postgres" or "sqlite" or "redis"))
        {
            runs.ShouldContain(r => r.Contains("ops/drill/", StringComparison.Ordinal), $"a drill for {store}");
        }
    }

    [GeneratedRegex(@"ops/[A-Za-z0-9_./-]+\.sh")]
    private static partial Regex ScriptPath();

    /// <summary>
    /// The secrets are in .env (and Prometheus's Qdrant key file), both git-ignored: no other file holds one of their
    /// values or a literal password; nothing listens beyond 127.0.0.1.
    /// </summary>
    private static void NoSecretAndLoopbackOnly(string service)
    {
        var envFile = Path.Combine(service, ".env");
        var secrets = File.Exists(envFile)
            ? File.ReadAllLines(envFile).Where(l => l.Contains('=') && !l.StartsWith('#')).Select(l => l[(l.IndexOf('=') + 1)..]).ToList()
            : [];
        secrets.ShouldAllBe(s => SecretShape().IsMatch(s), "every generated secret is 32 random hex digits");
        secrets.Distinct().Count().ShouldBe(secrets.Count, "each secret is generated on its own");
        foreach (var file in Directory.EnumerateFiles(service, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(service, file).Replace('\\', '/');
            if (relative == ".env" || relative.StartsWith("ops/monitoring/prometheus/secrets/", StringComparison.Ordinal)
                || relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            foreach (var secret in secrets)
            {
                text.ShouldNotContain(secret, customMessage: $"{relative} holds a generated secret");
            }

            if (ConfigFile().IsMatch(relative))
            {
                LiteralSecret().IsMatch(text).ShouldBeFalse($"{relative}: {LiteralSecret().Match(text).Value}");
            }

            AnyAddress().IsMatch(text).ShouldBeFalse($"{relative} binds beyond loopback: {AnyAddress().Match(text).Value}");
            foreach (Match port in PublishedPort().Matches(text))
            {
                port.Groups["host"].Value.ShouldBe("127.0.0.1", $"{relative}: {port.Value}");
            }
        }
    }

    private static string Encode(StoreCombination c) => $"{string.Join(',', c.Stores)}|{c.Flavor}|{c.PgBouncer}";

    private static StoreCombination Decode(string encoded)
    {
        var parts = encoded.Split('|');
        return new StoreCombination(parts[0].Split(','), parts[1], bool.Parse(parts[2]));
    }

    [GeneratedRegex("^[0-9A-F]{32}$")]
    private static partial Regex SecretShape();

    // A password, secret, token or key given a literal value (not empty, not ${...}) in a config-like assignment.
    [GeneratedRegex("""(?im)(?<!\$\{\w*)(password|passwd|secret|token|api[_-]?key)["']?[ \t]*[:=](?![:=])[ \t]*(?![\\"']*\$|["']|\s|$)[^\s"',;]+""")]
    private static partial Regex LiteralSecret();

    // Files that configure rather than explain: code and prose may name a password without holding one.
    [GeneratedRegex(@"(\.json|\.ya?ml|\.env\.example|\.csproj|\.rsp)$")]
    private static partial Regex ConfigFile();

    [GeneratedRegex(@"0\.0\.0\.0|https?://(\*|\+|\[::\]):")]
    private static partial Regex AnyAddress();

    // Compose's short port syntax with a host address: "host:published:target".
    [GeneratedRegex(@"(?m)^\s*-\s*['""]?(?<host>[^'"":\s]+):\d+:\d+['""]?")]
    private static partial Regex PublishedPort();
}
