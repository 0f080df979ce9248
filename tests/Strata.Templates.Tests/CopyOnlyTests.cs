using System.Text.Json;
using System.Text.RegularExpressions;
using Strata.Templates.Tests.Infrastructure;

namespace Strata.Templates.Tests;

/// <summary>
/// strata-service's `copyOnly` list (template.json), checked against the template's files without running `dotnet new`.
/// Installed from its .nupkg, the template engine reads each file from a zip entry, a stream that cannot seek, so it
/// processes every file with an 8 MiB buffer: about 3 ms a file. A file the engine would not change is copied instead
/// (`copyOnly`: a plain stream copy, renames still apply). So: a copied file must hold no token, and a file without
/// tokens must be copied (docs/benchmarks.md, "dotnet new strata-service").
/// </summary>
public sealed class CopyOnlyTests
{
    private static readonly string TemplateRoot = Path.Combine(RepositoryPaths.Root, "templates", "content", "strata-service");

    [Fact]
    public void Copied_files_hold_no_token_the_engine_would_replace()
    {
        var tokens = Tokens();
        var copied = TemplateFiles().Where(IsCopyOnly).ToList();
        copied.ShouldNotBeEmpty();
        foreach (var file in copied)
        {
            var text = File.ReadAllText(Path.Combine(TemplateRoot, file));
            var found = tokens.Where(t => text.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList();
            found.ShouldBeEmpty($"{file} is copyOnly in template.json but holds {string.Join(", ", found)}: `dotnet new` would leave it as is; remove it from copyOnly");
        }
    }

    [Fact]
    public void Files_without_tokens_are_copied_not_processed()
    {
        var tokens = Tokens();
        var processed = TemplateFiles()
            .Where(f => !IsCopyOnly(f))
            .Where(f => !tokens.Any(t => File.ReadAllText(Path.Combine(TemplateRoot, f)).Contains(t, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        processed.ShouldBeEmpty("these files hold no token, yet `dotnet new` processes each (about 3 ms a file from the .nupkg): add them to copyOnly in template.json");
    }

    [Fact]
    public void Every_copyOnly_pattern_matches_a_file()
    {
        var files = TemplateFiles();
        foreach (var pattern in CopyOnlyPatterns())
        {
            files.ShouldContain(f => Glob(pattern).IsMatch(f), $"copyOnly pattern {pattern} matches no template file");
        }
    }

    private static bool IsCopyOnly(string file) => CopyOnlyPatterns().Any(p => Glob(p).IsMatch(file));

    /// <summary>The template's files relative to its root, '/'-separated, without .template.config.</summary>
    private static List<string> TemplateFiles() =>
        Directory.GetFiles(TemplateRoot, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TemplateRoot, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith(".template.config/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    private static JsonElement TemplateJson() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TemplateRoot, ".template.config", "template.json"))).RootElement;

    private static List<string> CopyOnlyPatterns() =>
        [.. TemplateJson().GetProperty("sources")[0].GetProperty("copyOnly").EnumerateArray().Select(p => p.GetString()!)];

    /// <summary>What `dotnet new` replaces or evaluates in a file: every symbol's `replaces`, the source name in its
    /// forms (Company.Service1, Company_Service1, lower case), and the conditional markers.</summary>
    private static List<string> Tokens()
    {
        var json = TemplateJson();
        var sourceName = json.GetProperty("sourceName").GetString()!;
        var tokens = new List<string> { sourceName, sourceName.Replace('.', '_'), "#if", "#elif", "#else", "#endif" };
        foreach (var symbol in json.GetProperty("symbols").EnumerateObject())
        {
            if (symbol.Value.TryGetProperty("replaces", out var replaces))
            {
                tokens.Add(replaces.GetString()!);
            }
        }

        return tokens;
    }

    /// <summary>The engine's glob: `**/` any folders, `**` anything, `*` and `?` within one path segment.</summary>
    private static Regex Glob(string pattern)
    {
        var regex = Regex.Escape(pattern)
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex("^" + regex + "$", RegexOptions.CultureInvariant);
    }
}
