using System.Text.RegularExpressions;
using Strata.Core.Catalog;
using Strata.Core.Diagnostics;
using Strata.Migrations.Errors;

namespace Strata.Core.Tests.Diagnostics;

/// <summary>Every diagnostic id, build-time and runtime, has a help page, and every page an id.</summary>
public class DiagnosticCatalogTests
{
    private static string Folder => Path.Combine(Docs.DocsCatalogTests.RepoRoot(), "docs", "diagnostics");

    private static IEnumerable<(string Id, string Severity, string Title)> AllCodes =>
        DiagnosticCatalog.All.Select(d => (d.Id, d.DefaultSeverity.ToString().ToLowerInvariant(), d.Title))
            .Concat(MigrationErrors.All.Select(e => (e.Code, e.Severity.ToString().ToLowerInvariant(), e.Title)));

    [Fact]
    public void Ids_are_unique_and_well_formed()
    {
        AllCodes.Select(c => c.Id).ShouldBeUnique();
        AllCodes.ShouldAllBe(c => Regex.IsMatch(c.Id, "^STRATA[0-9]{4}$"));
    }

    [Fact]
    public void Every_id_has_a_page_with_its_title_and_severity_and_every_page_an_id()
    {
        var pages = Directory.GetFiles(Folder, "STRATA*.md").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal).ToList();
        pages.ShouldBe(AllCodes.Select(c => c.Id).Order(StringComparer.Ordinal).ToList());
        foreach (var (id, severity, title) in AllCodes)
        {
            var page = File.ReadAllText(Path.Combine(Folder, id + ".md"));
            page.ShouldStartWith($"# {id}: {title}", customMessage: id);
            page.ShouldContain($"Severity: {severity}", customMessage: id);
        }
    }

    [Fact]
    public void The_index_lists_every_id()
    {
        var index = File.ReadAllText(Path.Combine(Folder, "README.md"));
        foreach (var (id, _, _) in AllCodes)
        {
            index.ShouldContain($"[{id}]({id}.md)");
        }
    }

    [Fact]
    public void Help_links_point_at_the_page_of_their_id() =>
        DiagnosticCatalog.All.ShouldAllBe(d => d.HelpLink.EndsWith("/docs/diagnostics/" + d.Id + ".md", StringComparison.Ordinal));

    [Fact]
    public void The_sdk_targets_raise_STRATA0001_with_the_catalog_help_link()
    {
        var targets = File.ReadAllText(Path.Combine(Docs.DocsCatalogTests.RepoRoot(), "src", "Strata.Sdk", "Sdk", "Strata.Common.targets"));
        targets.ShouldContain("Code=\"STRATA0001\"");
        targets.ShouldContain($"HelpLink=\"{DiagnosticCatalog.RequiresDotnetMSBuild.HelpLink}\"");
    }

    [Fact]
    public void Engine_ids_are_unique_lowercase_and_findable()
    {
        EngineCatalog.All.Select(e => e.Id).ShouldBeUnique();
        EngineCatalog.All.ShouldAllBe(e => e.Id.All(c => !char.IsUpper(c)) && EngineCatalog.Find(e.Id.ToUpperInvariant()) == e);
    }
}
