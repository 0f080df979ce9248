using System.Diagnostics;
using System.Text;
using Strata.Core.Diagnostics;

namespace Strata.Core.Tests.Docs;

/// <summary>STRATA1015: oversized or hostile docs are coded errors, never a crash, a stack overflow or a hang.</summary>
public sealed class HostileInputTests : IDisposable
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(5);

    private readonly TempProject _project = new();

    public void Dispose() => _project.Dispose();

    private IReadOnlyList<Diagnostic> TimedValidate()
    {
        var watch = Stopwatch.StartNew();
        var diagnostics = _project.Validate();
        watch.Elapsed.ShouldBeLessThan(Fast);
        return diagnostics;
    }

    [Fact]
    public void Fifty_megabyte_file_is_rejected_without_reading_it()
    {
        using (var stream = File.Create(_project.FullPath("docs/data/main.md".Replace('/', Path.DirectorySeparatorChar)).EnsureFolder()))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        TimedValidate().ShouldBeSingle("STRATA1015", 1, 1).Message.ShouldContain("52,428,800 bytes");
    }

    [Fact]
    public void Just_over_one_mebibyte_is_rejected_and_just_under_is_read()
    {
        var padding = "\nPadding text for the retention section.";
        var under = TempProject.ValidDoc + new string('x', (1024 * 1024) - Encoding.UTF8.GetByteCount(TempProject.ValidDoc) - 1) + "\n";
        Encoding.UTF8.GetByteCount(under).ShouldBe(1024 * 1024);
        _project.Write(TempProject.DocPath, under);
        TimedValidate().ShouldBeClean();

        _project.Write(TempProject.DocPath, under + padding);
        TimedValidate().ShouldBeSingle("STRATA1015", 1, 1);
    }

    [Fact]
    public void Hundred_thousand_deep_flow_nesting_is_rejected_before_building_nodes()
    {
        // Depth 1 is the root mapping, so the 32nd '[' (column 35) is the 33rd level.
        var deep = "---\nx: " + new string('[', 100_000) + new string(']', 100_000) + "\n---\n";
        TimedValidate().ShouldBeSingle("STRATA1001", 0, 0); // nothing written yet
        _project.Write(TempProject.DocPath, deep);
        var diagnostic = TimedValidate().ShouldBeSingle("STRATA1015", 2, 35);
        diagnostic.Message.ShouldContain("more than 32 levels");
    }

    [Fact]
    public void Deep_block_nesting_is_rejected()
    {
        var yaml = new StringBuilder("---\n");
        for (var i = 0; i < 40; i++)
        {
            yaml.Append(new string(' ', i * 2)).Append('k').Append(i).Append(":\n");
        }

        _project.Write(TempProject.DocPath, yaml.Append("---\n").ToString());
        TimedValidate().ShouldBeSingle("STRATA1015", 34, 65);
    }

    [Fact]
    public void Billion_laughs_alias_bomb_is_rejected()
    {
        var yaml = new StringBuilder("---\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 1; i < 10; i++)
        {
            var previous = $"*a{i - 1}";
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [{string.Join(',', Enumerable.Repeat(previous, 9))}]\n");
        }

        _project.Write(TempProject.DocPath, yaml.Append("---\n").ToString());
        TimedValidate().ShouldBeSingle("STRATA1015", 3, 10).Message.ShouldContain("'*a0'");
    }

    [Fact]
    public void Scalar_longer_than_64_KiB_is_rejected()
    {
        _project.WriteDoc("owner: orders-team", "owner: " + new string('a', (64 * 1024) + 1));
        TimedValidate().ShouldBeSingle("STRATA1015", 4, 8).Message.ShouldContain("65,537 characters");
    }

    [Fact]
    public void An_alias_after_a_duplicate_key_is_still_reported_as_hostile()
    {
        // The limits are checked on every event of the front matter, also past a key the node tree refuses.
        _project.WriteDoc("owner: orders-team", "owner: orders-team\nowner: other\nx: *a");
        TimedValidate().ShouldBeSingle("STRATA1015", 6, 4).Message.ShouldContain("'*a'");
    }

    [Fact]
    public void A_syntax_error_after_a_duplicate_key_is_the_one_reported()
    {
        _project.WriteDoc("owner: orders-team", "owner: orders-team\nowner: other\nx: \"open");
        var diagnostic = TimedValidate().ShouldBeSingle("STRATA1004", 6, 4);
        diagnostic.Message.ShouldNotContain("Duplicate key");
    }

    [Fact]
    public void Too_many_nodes_is_rejected()
    {
        _project.WriteDoc("pii: false", "pii: false\nx-list: [" + string.Join(',', Enumerable.Repeat("1", 20_000)) + "]");
        TimedValidate().ShouldHaveSingleItem().Id.ShouldBe("STRATA1015");
    }

    [Theory]
    [InlineData('>')]
    [InlineData('[')]
    [InlineData('*')]
    [InlineData('-')]
    [InlineData('`')]
    [InlineData('<')]
    public void Pathological_markdown_body_finishes_without_exceptions(char c)
    {
        var body = c == '-'
            ? string.Concat(Enumerable.Range(0, 2_000).Select(i => new string(' ', i * 2) + "- item\n"))
            : new string(c, 900_000);
        _project.Write(TempProject.DocPath, TempProject.ValidDoc + body + "\n");
        TimedValidate().ShouldAllBe(d => d.Id == "STRATA1015" || d.Id == "STRATA1007");
    }

    [Fact]
    public void Binary_garbage_is_a_coded_error() =>
        _project.WriteBytes(TempProject.DocPath, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 256))])
            .Validate().ShouldHaveSingleItem().Id.ShouldBeOneOf("STRATA1003", "STRATA1004");

    [Fact]
    public void Front_matter_edge_cases_never_throw()
    {
        string[] inputs =
        [
            "", "---", "---\n---\n", "---\n\n---\n", "---\n:\n---\n", "---\n? [a]\n: b\n---\n", "---\n!!binary AAAA: x\n---\n",
            "---\n%YAML 1.2\n---\n", "---\nkey: value\n...\n", "---\n{a: 1, b: [1, {c: d}]}\n---\n", "\uFEFF---\r\ndatastore: main\r\n---\r\n",
            "---\nbackup: [1, 2]\nschema: {location: [[x]]}\nretention: ~\n---\n",
        ];
        foreach (var input in inputs)
        {
            _project.Write(TempProject.DocPath, input);
            TimedValidate().ShouldAllBe(d => d.Id.StartsWith("STRATA10", StringComparison.Ordinal), input);
        }
    }
}

internal static class PathExtensions
{
    public static string EnsureFolder(this string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}
