using Strata.Core.Diagnostics;
using Strata.Core.Docs;

namespace Strata.Core.Tests.Docs;

/// <summary>The 1xxx descriptors, the rule table and docs/diagnostics/STRATA1xxx.md stay in step.</summary>
public class DocsCatalogTests
{
    private static readonly IReadOnlyList<DiagnosticDescriptor> DocDescriptors =
        [.. DiagnosticCatalog.All.Where(d => d.Id.StartsWith("STRATA1", StringComparison.Ordinal))];

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void Doc_codes_are_unique_and_in_the_1xxx_range()
    {
        DocDescriptors.Select(d => d.Id).ShouldBeUnique();
        DocDescriptors.ShouldAllBe(d => d.Id.Length == 10 && string.CompareOrdinal(d.Id, "STRATA1001") >= 0 && string.CompareOrdinal(d.Id, "STRATA1099") <= 0);
        DocDescriptors.Count.ShouldBe(18);
    }

    [Fact]
    public void Every_rule_in_the_table_has_a_distinct_doc_code() =>
        DocRules.All.Select(r => r.Descriptor.Id).ShouldBeUnique();

    [Fact]
    public void Every_doc_code_has_a_help_page_and_every_page_a_code()
    {
        var folder = Path.Combine(RepoRoot(), "docs", "diagnostics");
        var pages = Directory.GetFiles(folder, "STRATA1*.md").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(StringComparer.Ordinal).ToList();
        pages.ShouldBe(DocDescriptors.Select(d => d.Id).ToList());
        foreach (var descriptor in DocDescriptors)
        {
            var page = File.ReadAllText(Path.Combine(folder, descriptor.Id + ".md"));
            page.ShouldStartWith($"# {descriptor.Id}: ");
            page.ShouldContain($"Severity: {descriptor.DefaultSeverity.ToString().ToLowerInvariant()}");
        }
    }

    [Fact]
    public void The_format_doc_lists_every_field()
    {
        var format = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "datastore-docs.md"));
        foreach (var field in DocFields.All)
        {
            format.ShouldContain($"`{field.Path}`");
        }
    }
}

public sealed class FormatDocExampleTests : IDisposable
{
    private readonly TempProject _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void The_example_in_datastore_docs_md_is_valid()
    {
        var format = File.ReadAllText(Path.Combine(DocsCatalogTests.RepoRoot(), "docs", "datastore-docs.md")).ReplaceLineEndings("\n");
        var start = format.IndexOf("```markdown\n", StringComparison.Ordinal) + "```markdown\n".Length;
        var end = format.IndexOf("\n```\n", start, StringComparison.Ordinal);
        _project.Write(TempProject.DocPath, format[start..end] + "\n").Validate().ShouldBeClean();
    }
}
