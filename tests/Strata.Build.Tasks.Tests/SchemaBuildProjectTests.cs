using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Strata.Migrations.Schemas;

namespace Strata.Build.Tasks.Tests;

/// <summary>
/// A real `dotnet build` of a small project that imports the SDK's props and targets from the source tree (the task
/// assembly from its build output): a schema-file error appears as file(line,col) with its code, and once fixed the
/// bundle is embedded under the name the appliers read; a second build does no Strata work.
/// </summary>
public sealed class SchemaBuildProjectTests : IDisposable
{
    private readonly TaskProject _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void A_build_reports_the_schema_error_at_its_line_and_embeds_the_bundle_once_fixed()
    {
        var repo = ValidateSchemasTaskTests.RepoRoot();
        var sdk = Path.Combine(repo, "src", "Strata.Sdk", "Sdk");
        var tasks = Path.Combine(Path.GetDirectoryName(typeof(ValidateSchemas).Assembly.Location)!, "Strata.Build.Tasks.dll");
        File.WriteAllText(_project.ProjectFile, $"""
            <Project>
              <PropertyGroup>
                <StrataTasksAssembly>{tasks}</StrataTasksAssembly>
              </PropertyGroup>
              <Import Project="{sdk}/Sdk.props" />
              <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <AssemblyName>SchemaFixture</AssemblyName>
                <EnableDefaultItems>false</EnableDefaultItems>
              </PropertyGroup>
              <ItemGroup>
                <Datastore Include="main" Engine="sqlite" />
                <Datastore Include="vectors" Engine="qdrant" />
              </ItemGroup>
              <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
              <Import Project="{sdk}/Sdk.targets" />
            </Project>
            """);
        _project.Write("docs/data/vectors.md", File.ReadAllText(Path.Combine(_project.Root, "docs/data/main.md"))
            .Replace("datastore: main", "datastore: vectors").Replace("engine: sqlite", "engine: qdrant")
            .Replace("location: db/main/migrations", "location: db/vectors/schema").Replace("method: sqlite-online-backup", "method: snapshot-api")
            .Replace("# main (SQLite)", "# vectors (Qdrant)"));
        _project.Write("db/vectors/schema/0001_documents.json", "{ \"collections\": [\n  { \"name\": \"documents\", \"vectors\": { \"size\": 1000000, \"distance\": \"Cosine\" } } ] }");

        var failed = Build();
        failed.ExitCode.ShouldNotBe(0, failed.Output);
        failed.Output.ShouldContain("db/vectors/schema/0001_documents.json(2,47,2,47): error STRATA4401");

        _project.Write("db/vectors/schema/0001_documents.json", "{ \"collections\": [\n  { \"name\": \"documents\", \"vectors\": { \"size\": 1536, \"distance\": \"Cosine\" } } ] }");
        var built = Build();
        built.ExitCode.ShouldBe(0, built.Output);
        built.Output.ShouldContain("Strata: vectors (qdrant): 1 schema file (0001)");
        var assembly = Directory.GetFiles(Path.Combine(_project.Root, "bin"), "SchemaFixture.dll", SearchOption.AllDirectories).ShouldHaveSingleItem();
        using (var pe = new PEReader(File.OpenRead(assembly)))
        {
            var metadata = pe.GetMetadataReader();
            metadata.ManifestResources.Select(h => metadata.GetString(metadata.GetManifestResource(h).Name))
                .ShouldContain(SchemaBundle.ResourceName("vectors"));
        }

        var again = Build();
        again.ExitCode.ShouldBe(0, again.Output);
        again.Output.ShouldNotContain("Strata: vectors", customMessage: "a no-op build does no Strata work");
    }

    private (int ExitCode, string Output) Build()
    {
        var start = new ProcessStartInfo("dotnet", ["build", _project.ProjectFile, "-nodeReuse:false", "-v:n", "-p:TreatWarningsAsErrors=true"])
        {
            WorkingDirectory = _project.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + stderr.Result);
    }
}
