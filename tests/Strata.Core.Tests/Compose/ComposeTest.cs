using Strata.Core.Compose;
using Strata.Core.Diagnostics;
using Strata.Core.Docs;

namespace Strata.Core.Tests.Compose;

/// <summary>Compose text in, diagnostics out; and where a piece of text is, to assert lines and columns.</summary>
internal static class ComposeTest
{
    public const string FileName = "compose.yaml";

    /// <summary>
    /// A compliant service for datastore 'main' (postgres); the rule tests change one line of it. Line numbers:
    /// 1 services, 2 main, 3 image, 4 environment, 5 password, 6 ports, 7 port, 8 volumes, 9 volume, 10 healthcheck,
    /// 11 test, 12 top-level volumes, 13 main-data.
    /// </summary>
    public const string Good = """
        services:
          main:
            image: postgres:17.2
            environment:
              POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}
            ports:
              - "127.0.0.1:5432:5432"
            volumes:
              - main-data:/var/lib/postgresql/data
            healthcheck:
              test: ["CMD-SHELL", "pg_isready -U postgres"]
        volumes:
          main-data:

        """;

    public static readonly DeclaredDatastore Main = new("main", "postgres");

    public static IReadOnlyList<Diagnostic> Check(string yaml, params DeclaredDatastore[] datastores) =>
        ComposeValidator.ValidateText(FileName, yaml, datastores.Length == 0 ? [Main] : datastores);

    /// <summary>The good file with one line (1-based) replaced, or with lines appended to a service.</summary>
    public static string GoodWith(int line, string replacement)
    {
        var lines = Good.Split('\n').ToList();
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    /// <summary>1-based (line, column) of the first occurrence of <paramref name="needle"/>.</summary>
    public static (int Line, int Column) Find(string yaml, string needle, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = yaml.IndexOf(needle, index + 1, StringComparison.Ordinal);
            index.ShouldBeGreaterThanOrEqualTo(0, $"'{needle}' not in the YAML");
        }

        var line = 1 + yaml[..index].Count(c => c == '\n');
        var lineStart = index == 0 ? 0 : yaml.LastIndexOf('\n', index - 1) + 1;
        return (line, index - lineStart + 1);
    }

    /// <summary>Asserts exactly one diagnostic, with this id, line and column; returns it.</summary>
    public static Diagnostic ShouldReportOnly(this IReadOnlyList<Diagnostic> diagnostics, string id, (int Line, int Column) at)
    {
        diagnostics.Count.ShouldBe(1, string.Join(Environment.NewLine, diagnostics));
        return diagnostics.ShouldReport(id, at);
    }

    /// <summary>Asserts exactly one diagnostic with this id (others may exist), at this line and column.</summary>
    public static Diagnostic ShouldReport(this IReadOnlyList<Diagnostic> diagnostics, string id, (int Line, int Column) at)
    {
        var matching = diagnostics.Where(d => d.Id == id).ToList();
        matching.Count.ShouldBe(1, string.Join(Environment.NewLine, diagnostics));
        var diagnostic = matching[0];
        diagnostic.Location.File.ShouldBe(FileName);
        (diagnostic.Location.Line, diagnostic.Location.Column).ShouldBe(at, diagnostic.ToString());
        return diagnostic;
    }

    public static void ShouldBeClean(this IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, diagnostics));
}
