using Strata.Core.Diagnostics;
using Strata.Migrations.Sql;
using Strata.Core.Text;
using Strata.Migrations.Script;

namespace Strata.Core.Sql.Migrations;

/// <summary>Reads db/&lt;datastore&gt;/migrations: names, versions, encoding and lexical soundness of each file.</summary>
public static class MigrationSetLoader
{
    /// <summary>Large enough for any hand-written migration; bulk data does not belong in a migration.</summary>
    public const long MaxFileBytes = VersionedFiles.MaxFileBytes;

    public static MigrationSet Load(string projectDirectory, string datastore, string relativeFolder, SqlDialect dialect)
    {
        var diagnostics = new List<Diagnostic>();
        var folder = Path.GetFullPath(Path.Combine(projectDirectory, relativeFolder));
        var projectFile = new SourceLocation(relativeFolder);
        if (!Directory.Exists(folder))
        {
            diagnostics.Add(DiagnosticCatalog.MigrationsFolderMissing.Create(projectFile, datastore, relativeFolder, "does not exist"));
            return new MigrationSet(datastore, relativeFolder, [], diagnostics);
        }

        if (!VersionedFiles.FolderIsInside(projectDirectory, folder, out var resolvedFolder))
        {
            diagnostics.Add(DiagnosticCatalog.MigrationOutsideProject.Create(projectFile, relativeFolder, resolvedFolder));
            return new MigrationSet(datastore, relativeFolder, [], diagnostics);
        }

        string[] files;
        try
        {
            files = VersionedFiles.List(folder, ".sql");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.MigrationsFolderMissing.Create(projectFile, datastore, relativeFolder, "cannot be read: " + ex.Message));
            return new MigrationSet(datastore, relativeFolder, [], diagnostics);
        }

        var relativeFolderPath = ProjectPaths.Relative(projectDirectory, Path.TrimEndingDirectorySeparator(folder));
        var migrations = new List<MigrationFile>(files.Length);
        if (files.Length < ParallelFrom)
        {
            ReadRange(projectDirectory, relativeFolderPath, files, 0, files.Length, dialect, migrations, diagnostics);
        }
        else
        {
            // Reading, decoding, lexing and checking each file is independent of the others: the second half goes to a
            // thread of its own (not the pool, whose threads an MSBuild node may have busy). Each half keeps file order,
            // and the halves are joined in order, so migrations and diagnostics come out exactly as one pass makes them.
            var later = new Half(projectDirectory, relativeFolderPath, files, files.Length / 2, dialect);
            var thread = new Thread(static h => ((Half)h!).Run()) { IsBackground = true, Name = "Strata migration read" };
            thread.Start(later);
            ReadRange(projectDirectory, relativeFolderPath, files, 0, later.Start, dialect, migrations, diagnostics);
            thread.Join();
            later.Failure?.Throw();
            migrations.AddRange(later.Migrations);
            diagnostics.AddRange(later.Diagnostics);
        }

        VersionedFiles.SortByVersion(migrations, static m => m.Version, static m => m.RelativePath);
        for (int i = 1; i < migrations.Count; i++)
        {
            if (MigrationVersion.Compare(migrations[i - 1].Version, migrations[i].Version) == 0)
            {
                diagnostics.Add(DiagnosticCatalog.DuplicateMigrationVersion.Create(
                    new SourceLocation(migrations[i].RelativePath), migrations[i - 1].RelativePath, migrations[i].RelativePath, migrations[i].Version));
            }
        }

        if (files.Length == 0)
        {
            diagnostics.Add(DiagnosticCatalog.NoMigrations.Create(projectFile, datastore, relativeFolder));
        }

        return new MigrationSet(datastore, relativeFolder, migrations, diagnostics);
    }

    /// <summary>From this many files a folder is read by two threads (below it a thread costs more than it saves).</summary>
    internal const int ParallelFrom = 128;

    private static void ReadRange(
        string projectDirectory, string relativeFolderPath, string[] files, int start, int end, SqlDialect dialect, List<MigrationFile> migrations, List<Diagnostic> diagnostics)
    {
        var tokens = new SqlTokenList(1024); // one buffer, refilled for each file
        for (int i = start; i < end; i++)
        {
            var migration = ReadOne(projectDirectory, relativeFolderPath, files[i], dialect, tokens, diagnostics);
            if (migration is not null)
            {
                migrations.Add(migration);
            }
        }
    }

    /// <summary>The files from <see cref="Start"/> on, read on another thread; a failure is rethrown by the caller.</summary>
    private sealed class Half(string projectDirectory, string relativeFolderPath, string[] files, int start, SqlDialect dialect)
    {
        public int Start { get; } = start;

        public List<MigrationFile> Migrations { get; } = new(files.Length - start);

        public List<Diagnostic> Diagnostics { get; } = [];

        public System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure { get; private set; }

        public void Run()
        {
            try
            {
                ReadRange(projectDirectory, relativeFolderPath, files, Start, files.Length, dialect, Migrations, Diagnostics);
            }
#pragma warning disable CA1031 // rethrown on the calling thread, with its stack
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
            }
        }
    }

    private static readonly VersionedFiles.ProblemCodes Codes = new(
        DiagnosticCatalog.MigrationOutsideProject, DiagnosticCatalog.MigrationTooLarge, DiagnosticCatalog.MigrationUnreadable, DiagnosticCatalog.MigrationNotUtf8);

    private static MigrationFile? ReadOne(string projectDirectory, string relativeFolderPath, string file, SqlDialect dialect, SqlTokenList tokens, List<Diagnostic> diagnostics)
    {
        var name = Path.GetFileName(file);
        var relative = VersionedFiles.RelativePath(relativeFolderPath, name);
        var where = new SourceLocation(relative);
        if (!VersionedFileName.TryParse(name, ".sql", out var version, out var description))
        {
            diagnostics.Add(DiagnosticCatalog.MigrationFileName.Create(where, relative));
            return null;
        }

        var whole = VersionedFiles.ReadOrReport(projectDirectory, file, relative, Codes, diagnostics);
        if (whole is null)
        {
            return null;
        }

        tokens.Relex(whole, dialect);
        int before = diagnostics.Count;
        CheckTokens(relative, whole, tokens, diagnostics);
        if (diagnostics.Count > before)
        {
            return null;
        }

        var parts = MigrationDirectives.Apply(whole);
        // Without directives the up part is the whole text (the same string): lexed and hashed once.
        bool same = ReferenceEquals(parts.Up, whole);
        if (!same)
        {
            tokens.Relex(parts.Up, dialect);
        }

        if (parts.Up.AsSpan().Trim().Length == 0 || !HasStatement(tokens))
        {
            diagnostics.Add(DiagnosticCatalog.EmptyMigration.Create(new SourceLocation(relative), relative));
            return null;
        }

        var checksum = MigrationChecksum.Compute(parts.Up);
        return new MigrationFile(version, description, relative, parts.Up, checksum, same ? checksum : MigrationChecksum.Compute(whole),
            RunsInTransaction: !parts.NoTransaction, DownBody: parts.Down, DownLine: parts.DownLine);
    }

    /// <summary>
    /// Reports unterminated tokens, and reserved marker lines (directives excepted). The marker check is by line, not
    /// by token, because the runtime reads the script by line: a '-- strata:' line inside a string would break it too.
    /// </summary>
    private static void CheckTokens(string relative, string body, SqlTokenList tokens, List<Diagnostic> diagnostics)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == SqlTokenKind.Unterminated && token.Length > 0)
            {
                diagnostics.Add(DiagnosticCatalog.UnterminatedToken.Create(
                    SourceLocation.At(relative, token.Line, token.Column), DescribeUnterminated(body[token.Start]), relative));
                return;
            }
        }

        // Lines that start with the marker prefix: found by searching for the prefix, not by splitting every line.
        var text = body.AsSpan();
        int line = 1, counted = 0;
        for (int at = text.IndexOf(ScriptFormat.MarkerPrefix, StringComparison.Ordinal); at >= 0;)
        {
            line += text[counted..at].Count('\n');
            counted = at;
            if (at == 0 || text[at - 1] == '\n')
            {
                int end = text[at..].IndexOf('\n');
                if (!MigrationDirectives.IsDirective(end < 0 ? text[at..] : text.Slice(at, end)))
                {
                    diagnostics.Add(DiagnosticCatalog.ReservedMarker.Create(SourceLocation.At(relative, line, 1)));
                }
            }

            int next = text[(at + 1)..].IndexOf(ScriptFormat.MarkerPrefix, StringComparison.Ordinal);
            at = next < 0 ? -1 : at + 1 + next;
        }
    }

    private static bool HasStatement(SqlTokenList tokens)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsTrivia && tokens[i].Kind != SqlTokenKind.Semicolon)
            {
                return true;
            }
        }

        return false;
    }

    private static string DescribeUnterminated(char first) => first switch
    {
        '/' => "block comment",
        '$' => "dollar-quoted string",
        '"' or '`' or '[' => "quoted identifier",
        _ => "string literal",
    };
}
