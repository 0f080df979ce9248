namespace Strata.Templates.Tests.Infrastructure;

/// <summary>
/// The two outside judges of a compose file: Debian's docker-compose 1.29 (`config -q`, no engine needed) and npm's dclint
/// (.tools/npm, installed by eng/install-test-deps.sh). A missing tool skips that judge locally; under CI=true it fails.
/// </summary>
public static class ExternalComposeTools
{
    public static void DockerComposeConfig(string composeFile)
    {
        if (Find("docker-compose") is not { } tool)
        {
            return;
        }

        // .env next to the file supplies the secrets, as it does for `docker compose up`.
        var result = ProcessRunner.RunAsync(tool, ["-f", composeFile, "--profile", "tools", "--profile", "monitoring", "config", "-q"],
            Path.GetDirectoryName(composeFile)!).GetAwaiter().GetResult();
        result.ShouldSucceed("docker-compose config");
    }

    public static void Dclint(string composeFile)
    {
        var local = Path.Combine(RepositoryPaths.Root, ".tools", "npm", "node_modules", ".bin", "dclint");
        if (Find(File.Exists(local) ? local : "dclint") is not { } tool)
        {
            return;
        }

        // require-project-name-field is off: docker-compose 1.29 rejects the top-level 'name:' it asks for.
        ProcessRunner.RunAsync(tool, [composeFile, "--max-warnings", "0", "--color", "false", "--disable-rule", "require-project-name-field"],
            Path.GetDirectoryName(composeFile)!).GetAwaiter().GetResult().ShouldSucceed("dclint");
    }

    private static string? Find(string name) => Strata.Tests.Shared.RequiredTool.Find(name);
}
