namespace Strata.Tests.Shared;

/// <summary>
/// An outside program a test compares against (docker-compose, dclint, ...): its path, or null so the test skips that
/// part locally; under CI=true a missing tool is a failure, never a skip (eng/install-test-deps.sh installs them).
/// </summary>
public static class RequiredTool
{
    /// <summary>CI=true: every outside program and server the tests need must be there (a missing one fails, never skips).</summary>
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find(string nameOrPath)
    {
        var found = Path.IsPathRooted(nameOrPath)
            ? (File.Exists(nameOrPath) ? nameOrPath : null)
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
                .Select(dir => Path.Combine(dir, nameOrPath)).FirstOrDefault(File.Exists);
        if (found is null && UnderCi)
        {
            throw new InvalidOperationException($"{nameOrPath} is required under CI=true; run eng/install-test-deps.sh");
        }

        return found;
    }
}
