using System.Text.RegularExpressions;
using Strata.Migrations.Errors;

namespace Strata.Migrations.Tests;

/// <summary>Keeps the runtime codes and docs/diagnostics/STRATA5xxx.md in step: every code a page, every page a code.</summary>
public partial class DiagnosticsDocsTests
{
    [Fact]
    public void Every_runtime_code_has_a_help_page_with_its_title_and_severity()
    {
        foreach (var error in MigrationErrors.All)
        {
            var page = Path.Combine(DocsFolder(), error.Code + ".md");
            File.Exists(page).ShouldBeTrue(page);
            var text = File.ReadAllText(page);
            text.ShouldStartWith($"# {error.Code}: {error.Title}\n");
            text.ShouldContain($"Severity: {(error.Severity == MigrationSeverity.Warning ? "warning" : "error")}");
            error.HelpLink.ShouldEndWith($"docs/diagnostics/{error.Code}.md");
        }
    }

    [Fact]
    public void Every_STRATA5xxx_page_has_a_code()
    {
        var pages = Directory.GetFiles(DocsFolder(), "STRATA5*.md").Select(Path.GetFileNameWithoutExtension);

        pages.ShouldBe(MigrationErrors.All.Select(e => e.Code), ignoreOrder: true);
    }

    [Fact]
    public void Codes_are_unique_and_in_the_runtime_range()
    {
        MigrationErrors.All.Select(e => e.Code).ShouldBeUnique();
        MigrationErrors.All.ShouldAllBe(e => RuntimeCode().IsMatch(e.Code));
    }

    private static string DocsFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("repository root"), "docs", "diagnostics");
    }

    [GeneratedRegex("^STRATA5[0-9]{3}$")]
    private static partial Regex RuntimeCode();
}
