using System.Text;
using Strata.Core.Diagnostics;
using Strata.Core.Docs;

namespace Strata.Core.Tests.Docs;

/// <summary>A throwaway project directory with the folders the valid doc refers to; deleted on dispose.</summary>
internal sealed class TempProject : IDisposable
{
    public const string DocPath = "docs/data/main.md";

    /// <summary>A complete, valid doc for datastore 'main' (sqlite). Line numbers matter to the tests.</summary>
    public const string ValidDoc = """
        ---
        datastore: main
        engine: sqlite
        owner: orders-team
        purpose: Orders and their line items for the Orders service.
        classification: internal
        pii: false
        schema:
          location: db/main/migrations
        backup:
          method: sqlite-online-backup
          schedule: daily
          script: ops/backup/main.sh
          rpo: PT24H
          rto: PT1H
          restore-tested: quarterly
        retention:
          period: P90D
          mechanism: scheduled DELETE job
        ---
        # main (SQLite)

        ## Purpose
        Orders and their line items, written by the Orders API and read by the reporting job.

        ## Schema definition
        Ordered SQL migrations in `db/main/migrations`, applied at startup; see `docs/data/<datastore>.md` for the format.

        ## Backup strategy
        A daily online backup taken by `ops/backup/main.sh`; a restore is tested every quarter.

        ## Retention policy
        Orders are kept for 90 days, then removed by a scheduled DELETE job.

        """;

    public TempProject()
    {
        Directory = Path.Combine(Path.GetTempPath(), "strata-docs-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "db/main/migrations"));
        Write("ops/backup/main.sh", "#!/bin/sh\n");
    }

    public string Directory { get; }

    public string FullPath(string relative) => Path.Combine(Directory, relative);

    public TempProject Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    public TempProject WriteBytes(string relative, byte[] bytes)
    {
        var path = FullPath(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return this;
    }

    /// <summary>Writes the main doc: the valid doc with one replacement applied (the old text must occur).</summary>
    public TempProject WriteDoc(string? replace = null, string? with = null)
    {
        var text = ValidDoc;
        if (replace is not null)
        {
            text.ShouldContain(replace);
            text = text.Replace(replace, with, StringComparison.Ordinal);
        }

        return Write(DocPath, text);
    }

    public IReadOnlyList<Diagnostic> Validate(params DeclaredDatastore[] datastores) =>
        DatastoreDocValidator.Validate(new DocValidationRequest(Directory, datastores.Length == 0 ? [new("main", "sqlite")] : datastores));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is not a test failure.
        }
    }
}

internal static class DiagnosticAssertions
{
    /// <summary>Asserts there is exactly one diagnostic, with this id, file, line and column.</summary>
    public static Diagnostic ShouldBeSingle(this IReadOnlyList<Diagnostic> diagnostics, string id, int line, int column, string file = TempProject.DocPath)
    {
        diagnostics.Count.ShouldBe(1, string.Join(Environment.NewLine, diagnostics));
        var diagnostic = diagnostics[0];
        diagnostic.Id.ShouldBe(id, diagnostic.ToString());
        diagnostic.Location.File.ShouldBe(file);
        (diagnostic.Location.Line, diagnostic.Location.Column).ShouldBe((line, column), diagnostic.ToString());
        return diagnostic;
    }

    public static void ShouldBeClean(this IReadOnlyList<Diagnostic> diagnostics) =>
        diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, diagnostics));
}
