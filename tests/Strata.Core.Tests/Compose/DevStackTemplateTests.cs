using Strata.Core.Catalog;
using Strata.Core.Compose.Writing;
using Strata.Core.Tests.Docs;

namespace Strata.Core.Tests.Compose;

/// <summary>
/// The strata-service template's stack files (compose.yaml, .env, monitoring) are exactly what the engine catalog renders
/// with #if lines; bump an image in the catalog, then regenerate them with
/// STRATA_REGENERATE_TEMPLATE_DOCS=1 dotnet test tests/Strata.Core.Tests --filter DevStackTemplate
/// </summary>
public sealed class DevStackTemplateTests
{
    private static readonly StackNaming Naming = StackNaming.Template;

    public static TheoryData<string> Files() => [.. TemplateFiles().Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public void The_template_file_is_the_catalogs_rendering(string relative)
    {
        var path = Path.Combine(DocsCatalogTests.RepoRoot(), "templates", "content", "strata-service", relative);
        TemplateFileDrift.ShouldMatch(path, TemplateFiles()[relative]);
    }

    /// <summary>The CI workflow's PostgreSQL service runs compose.yaml's image: the catalog's, for every flavor.</summary>
    [Fact]
    public void The_ci_workflow_uses_the_catalogs_postgres_images()
    {
        var workflow = File.ReadAllText(Path.Combine(DocsCatalogTests.RepoRoot(), "templates", "content", "strata-service", ".github", "workflows", "ci.yml"));
        var images = System.Text.RegularExpressions.Regex.Matches(workflow, @"(?m)^\s+image: (\S+)$").Select(m => m.Groups[1].Value);
        images.Order().ShouldBe(EngineCatalog.PostgresFlavors.Select(f => f.Image).Order(),
            "bump .github/workflows/ci.yml in the service template with the catalog's PostgreSQL images");
    }

    private static Dictionary<string, string> TemplateFiles()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["compose.yaml"] = DevStackFiles.Compose(Naming).RenderTemplate(),
            [".env"] = DevStackFiles.EnvFile(Naming, example: false).RenderTemplate(),
            [".env.example"] = DevStackFiles.EnvFile(Naming, example: true).RenderTemplate(),
            ["ops/monitoring/prometheus/prometheus.yml"] = MonitoringFiles.Prometheus(Naming).RenderTemplate(),
            ["ops/monitoring/prometheus/alerts.yml"] = MonitoringFiles.Alerts(Naming).RenderTemplate(),
            ["ops/monitoring/grafana/provisioning/datasources/prometheus.yml"] = MonitoringFiles.GrafanaDatasource,
            ["ops/monitoring/grafana/provisioning/dashboards/strata.yml"] = MonitoringFiles.GrafanaDashboardProvider,
            ["ops/monitoring/grafana/dashboards/service.json"] = MonitoringFiles.ServiceDashboard("Company.Service1"),
        };
        foreach (var engine in EngineCatalog.All.Where(e => e.Container is not null))
        {
            var name = Naming.NameOf(engine);
            files[$"ops/monitoring/grafana/dashboards/{name}.json"] = MonitoringFiles.Dashboard(engine);
        }

        files[MonitoringFiles.QdrantKeyFile] = Naming.SecretValue(EngineCatalog.Qdrant.Container!.SecretVariable!);
        foreach (var flavor in EngineCatalog.PostgresFlavors.Where(f => f.Extension is not null))
        {
            files[$"db/main/migrations/0002_enable_{flavor.Extension}.sql"] =
                $"-- {flavor.Description}: the image of --postgres-flavor {flavor.Id} ships the extension; this migration enables it.\n" +
                $"CREATE EXTENSION IF NOT EXISTS {flavor.Extension};\n";
        }

        return files;
    }
}
