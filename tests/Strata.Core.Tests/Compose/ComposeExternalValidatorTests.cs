using System.Diagnostics;
using System.Text.RegularExpressions;
using Strata.Core.Docs;
using Strata.Core.Tests.Docs;
using static Strata.Core.Tests.Compose.ComposeTest;

namespace Strata.Core.Tests.Compose;

/// <summary>
/// The good fixtures pass our check, and Compose itself (Debian's docker-compose 1.29, `config`) and the npm linter
/// dclint agree they are valid. A missing tool skips its part, except under CI=true, where it is a failure
/// (eng/install-test-deps.sh installs both).
/// </summary>
public class ComposeExternalValidatorTests
{
    private static readonly string FixtureFolder = Path.Combine(DocsCatalogTests.RepoRoot(), "tests", "Strata.Core.Tests", "Compose", "Fixtures");

    public static TheoryData<string, string> Fixtures => new()
    {
        { "postgres-redis-qdrant.yaml", "main=postgres;cache=redis;vectors=qdrant" },
        { "anchors-and-merge-keys.yaml", "docs=mongodb;graph=neo4j;search=elasticsearch;embeddings=chroma" },
    };

    private static DeclaredDatastore[] Parse(string datastores) =>
        [.. datastores.Split(';').Select(d => d.Split('=')).Select(p => new DeclaredDatastore(p[0], p[1]))];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Our_check_reports_nothing(string fixture, string datastores) =>
        Check(File.ReadAllText(Path.Combine(FixtureFolder, fixture)), Parse(datastores)).ShouldBeClean();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Docker_compose_config_accepts_it(string fixture, string datastores)
    {
        _ = datastores;
        if (Tool("docker-compose") is not { } tool)
        {
            return;
        }

        var path = Path.Combine(FixtureFolder, fixture);
        // ${VAR:?message} must be set for `config` to interpolate; the values do not matter.
        var variables = Regex.Matches(File.ReadAllText(path), @"\$\{([A-Z_][A-Z0-9_]*)").Select(m => m.Groups[1].Value).Distinct();
        var (code, output) = Run(tool, ["-f", path, "--project-directory", FixtureFolder, "config", "-q"], variables.ToDictionary(v => v, _ => "test-value"));
        code.ShouldBe(0, output);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Dclint_reports_nothing(string fixture, string datastores)
    {
        _ = datastores;
        var local = Path.Combine(DocsCatalogTests.RepoRoot(), ".tools", "npm", "node_modules", ".bin", "dclint");
        if (Tool(File.Exists(local) ? local : "dclint") is not { } tool)
        {
            return;
        }

        // require-project-name-field is off: docker-compose 1.29 rejects the top-level 'name:' it asks for.
        var (code, output) = Run(tool, [Path.Combine(FixtureFolder, fixture), "--max-warnings", "0", "--color", "false",
            "--disable-rule", "require-project-name-field"], new Dictionary<string, string>());
        code.ShouldBe(0, output);
    }

    /// <summary>The tool's path, or null to skip; under CI=true a missing tool fails the test.</summary>
    internal static string? Tool(string name) => Strata.Tests.Shared.RequiredTool.Find(name);

    internal static (int Code, string Output) Run(string tool, IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in 120 s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
