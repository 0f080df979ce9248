using System.Diagnostics;
using System.Text;
using Strata.Core.Compose;
using Strata.Core.Diagnostics;
using static Strata.Core.Tests.Compose.ComposeTest;

namespace Strata.Core.Tests.Compose;

/// <summary>Hand-edited or hostile compose files: a coded error with a position, never a crash, a hang or a stack overflow.</summary>
public sealed class ComposeHostileInputTests : IDisposable
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(5);

    private readonly string _project = Path.Combine(Path.GetTempPath(), "strata-compose-tests", Guid.NewGuid().ToString("N"));

    public ComposeHostileInputTests() => Directory.CreateDirectory(_project);

    public void Dispose() => Directory.Delete(_project, recursive: true);

    private static IReadOnlyList<Diagnostic> Timed(Func<IReadOnlyList<Diagnostic>> check)
    {
        var watch = Stopwatch.StartNew();
        var diagnostics = check();
        watch.Elapsed.ShouldBeLessThan(Fast);
        return diagnostics;
    }

    private IReadOnlyList<Diagnostic> ValidateProject(string composeFile = "", bool required = false) =>
        Timed(() => ComposeValidator.Validate(new ComposeValidationRequest(_project, composeFile, [Main]) { Required = required }));

    [Fact]
    public void Not_yaml_is_reported_with_the_parser_position()
    {
        var diagnostic = Check("services:\n  main:\n    image: \"postgres:17\n").ShouldReportOnly("STRATA3002", (3, 12));
        diagnostic.Message.ShouldContain("found unexpected end of stream");
        diagnostic.Message.ShouldNotContain("Line:");
    }

    [Fact]
    public void A_tab_indentation_is_not_yaml() =>
        Check("services:\n\tmain: {}\n").ShouldReportOnly("STRATA3002", (1, 1)).Message.ShouldContain("found invalid tab"); // YamlDotNet's position: the mapping

    [Fact]
    public void An_unclosed_flow_list_is_reported_not_thrown() =>
        Check("services:\n  main:\n    ports: [\"127.0.0.1:1:1\"\n  other: {}\n").Single().Id.ShouldBe("STRATA3002");

    [Fact]
    public void An_unknown_alias_is_not_yaml() =>
        Check("services:\n  main: *nothing\n").ShouldReportOnly("STRATA3002", (2, 9)).Message.ShouldContain("'*nothing'");

    [Fact]
    public void A_duplicate_key_is_reported_at_the_second_with_the_first_line()
    {
        var yaml = Good.Replace("    environment:\n", "    image: postgres:16.4\n    environment:\n", StringComparison.Ordinal);
        Check(yaml).ShouldReportOnly("STRATA3004", (4, 5)).Message.ShouldContain("Key 'image' appears twice in the same mapping (first on line 3)");
        Check("services: {}\n\"services\": {}\n").ShouldReportOnly("STRATA3004", (2, 1));
    }

    [Fact]
    public void Two_merge_keys_in_one_mapping_are_a_duplicate() =>
        Check("x: &x {a: 1}\nservices:\n  main:\n    <<: *x\n    <<: *x\n").ShouldReportOnly("STRATA3004", (5, 5));

    [Fact]
    public void A_billion_laughs_alias_bomb_is_rejected_quickly()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        yaml.Append("services:\n  main:\n    <<: *a9\n");
        var diagnostic = Timed(() => Check(yaml.ToString())).Single();
        diagnostic.Id.ShouldBe("STRATA3003");
        diagnostic.Message.ShouldContain("expand to more than 500,000 nodes");
    }

    [Fact]
    public void A_recursive_alias_is_rejected() =>
        Check("a: &a [1, *a]\nservices: {}\n").ShouldReportOnly("STRATA3003", (1, 11)).Message.ShouldContain("recursive");

    [Fact]
    public void Hundred_thousand_deep_flow_nesting_is_rejected_before_building_nodes()
    {
        var yaml = "services: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        // The root mapping is level 1, so the 64th '[' (column 11 + 63) is level 65.
        Timed(() => Check(yaml)).ShouldReportOnly("STRATA3003", (1, 74)).Message.ShouldContain("more than 64 levels");
    }

    [Fact]
    public void Deep_block_nesting_is_rejected()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < 70; i++)
        {
            yaml.Append(new string(' ', i * 2)).Append('k').Append(i).Append(":\n");
        }

        Check(yaml.Append(new string(' ', 140)).Append("x: 1\n").ToString()).Single().Id.ShouldBe("STRATA3003");
    }

    [Fact]
    public void A_huge_file_is_rejected_without_reading_it()
    {
        using (var stream = File.Create(Path.Combine(_project, "compose.yaml")))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        var diagnostic = ValidateProject().Single();
        (diagnostic.Id, diagnostic.Location.File, diagnostic.Location.Line, diagnostic.Location.Column).ShouldBe(("STRATA3003", "compose.yaml", 1, 1));
        diagnostic.Message.ShouldContain("52,428,800 bytes");
    }

    [Fact]
    public void Just_under_four_mebibytes_is_read()
    {
        var padding = "# " + new string('x', 1000) + "\n";
        var text = new StringBuilder(Good);
        while (text.Length + padding.Length <= 4 * 1024 * 1024)
        {
            text.Append(padding);
        }

        File.WriteAllText(Path.Combine(_project, "compose.yaml"), text.ToString());
        ValidateProject().ShouldBeEmpty();
    }

    [Fact]
    public void Invalid_utf8_is_reported_at_the_byte()
    {
        File.WriteAllBytes(Path.Combine(_project, "compose.yaml"), [.. "services:\n  m"u8, 0xFF, .. "ain: {}\n"u8]);
        var diagnostic = ValidateProject().Single();
        (diagnostic.Id, diagnostic.Location.Line, diagnostic.Location.Column).ShouldBe(("STRATA3001", 2, 4));
    }

    [Theory]
    [InlineData("", "the file is empty", 1, 1)]
    [InlineData("# only a comment\n", "the file is empty", 1, 1)]
    [InlineData("- services\n", "not a list", 1, 1)]
    [InlineData("services: {}\n---\nservices: {}\n", "more than one YAML document", 2, 1)]
    [InlineData("services: [main]\n", "'services:' must be a mapping", 1, 11)]
    [InlineData("services:\n  main:\n", "service 'main' must be a mapping", 2, 3)]
    public void Unexpected_structures_are_reported(string yaml, string message, int line, int column) =>
        Check(yaml).ShouldReport("STRATA3005", (line, column)).Message.ShouldContain(message);

    [Fact]
    public void No_compose_file_means_nothing_to_check_unless_one_is_named()
    {
        ValidateProject().ShouldBeEmpty();
        var diagnostic = ValidateProject("deploy/compose.yaml", required: true).Single();
        (diagnostic.Id, diagnostic.Location.File).ShouldBe(("STRATA3001", "deploy/compose.yaml"));
    }

    [Fact]
    public void Compose_own_file_names_are_found_in_its_order()
    {
        File.WriteAllText(Path.Combine(_project, "docker-compose.yml"), "services: [oops]\n");
        ValidateProject().Single().Location.File.ShouldBe("docker-compose.yml");
        File.WriteAllText(Path.Combine(_project, "compose.yaml"), Good);
        ValidateProject().ShouldBeEmpty();
    }

    [Fact]
    public void Absolute_paths_are_given_when_asked()
    {
        File.WriteAllText(Path.Combine(_project, "compose.yaml"), "services: [oops]\n");
        var request = new ComposeValidationRequest(_project, "", [Main]) { AbsolutePaths = true };
        ComposeValidator.Validate(request).Single().Location.File.ShouldBe(Path.Combine(_project, "compose.yaml"));
    }
}
