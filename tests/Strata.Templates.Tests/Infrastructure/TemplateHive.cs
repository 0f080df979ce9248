namespace Strata.Templates.Tests.Infrastructure;

/// <summary>
/// The packs installed into a throwaway template hive, and the scratch root services are scaffolded into. Scratch
/// folders live outside the repository so its Directory.Build.props never leaks into a generated service; restored
/// packages go to a repository-local cache from which earlier Strata packs are removed first.
/// </summary>
public sealed class TemplateHive : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "strata-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    public string PackagesDirectory { get; private set; } = "";

    public string HiveDirectory => Path.Combine(_root, "hive");

    public string ScratchRoot => Path.Combine(_root, "work");

    public string NuGetPackagesDirectory { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "test-nuget-packages");

    public IDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = NuGetPackagesDirectory,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScratchRoot);
        PackagesDirectory = System.Environment.GetEnvironmentVariable("STRATA_PACKAGES_DIR") is { Length: > 0 } packed
            ? packed
            : await PackAsync();
        Directory.GetFiles(PackagesDirectory, "Strata.Templates.*.nupkg").ShouldNotBeEmpty($"no template pack in {PackagesDirectory}");
        foreach (var stale in Directory.Exists(NuGetPackagesDirectory) ? Directory.GetDirectories(NuGetPackagesDirectory, "strata.*") : [])
        {
            Directory.Delete(stale, recursive: true);
        }

        File.WriteAllText(Path.Combine(ScratchRoot, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="strata-local" value="{PackagesDirectory}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
            </configuration>
            """);
        var pack = Directory.GetFiles(PackagesDirectory, "Strata.Templates.*.nupkg").Single();
        (await DotnetAsync(ScratchRoot, "new", "install", pack, "--debug:custom-hive", HiveDirectory)).ShouldSucceed("dotnet new install");
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A service process may still hold a file for a moment; the OS cleans the temp folder.
        }

        return Task.CompletedTask;
    }

    public Task<ProcessResult> DotnetAsync(string workingDirectory, params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", arguments, workingDirectory, Environment);

    /// <summary>dotnet with extra environment variables (connection strings for a dry run, say).</summary>
    public Task<ProcessResult> DotnetAsync(string workingDirectory, IDictionary<string, string?> environment, params string[] arguments)
    {
        var variables = Environment;
        foreach (var (key, value) in environment)
        {
            variables[key] = value;
        }

        return ProcessRunner.RunAsync("dotnet", arguments, workingDirectory, variables);
    }

    /// <summary>dotnet new strata-service in a fresh folder; returns the service's directory.</summary>
    public async Task<string> ScaffoldAsync(string name, params string[] extraArguments)
    {
        var parent = Path.Combine(ScratchRoot, Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(parent);
        var output = Path.Combine(parent, name);
        string[] args = ["new", "strata-service", "-n", name, "-o", output, "--debug:custom-hive", HiveDirectory, .. extraArguments];
        (await DotnetAsync(parent, args)).ShouldSucceed("dotnet new strata-service");
        return output;
    }

    private async Task<string> PackAsync()
    {
        var output = Path.Combine(_root, "packages");
        (await DotnetAsync(RepositoryPaths.Root, "pack", "Templates.sln", "-c", "Release", "-p:PackageOutputPath=" + output))
            .ShouldSucceed("dotnet pack");
        return output;
    }
}

[CollectionDefinition(Name)]
public sealed class TemplateCollection : ICollectionFixture<TemplateHive>
{
    public const string Name = "templates";
}
