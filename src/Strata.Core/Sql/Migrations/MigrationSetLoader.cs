using Strata.Core.Diagnostics;
using Strata.Migrations.Sql;
using Strata.Core.Text;
using Strata.Migrations.Script;

namespace Strata.Core.Sql.Migrations;

/// <summary>Reads db/&lt;datastore&gt;/migrations: names, versions, encoding and lexical soundness of each file.</summary>
public static class MigrationSetLoader
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Large enough for any hand-written migration; bulk data does not belong in a migration.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

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

        if (!ProjectPaths.IsInside(ResolveLinks(projectDirectory), ResolveLinks(folder)))
        {
            diagnostics.Add(DiagnosticCatalog.MigrationOutsideProject.Create(projectFile, relativeFolder, ResolveLinks(folder)));
            return new MigrationSet(datastore, relativeFolder, [], diagnostics);
        }

        string[] files;
        try
        {
            files = Directory.GetFiles(folder, "*.sql", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, AttributesToSkip = FileAttributes.Hidden });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.MigrationsFolderMissing.Create(projectFile, datastore, relativeFolder, "cannot be read: " + ex.Message));
            return new MigrationSet(datastore, relativeFolder, [], diagnostics);
        }

        Array.Sort(files, StringComparer.Ordinal);
        var relativeFolderPath = ProjectPaths.Relative(projectDirectory, Path.TrimEndingDirectorySeparator(folder));
        var migrations = new List<MigrationFile>(files.Length);
        var tokens = new SqlTokenList(1024); // one buffer, refilled for each file
        foreach (var file in files)
        {
            var migration = ReadOne(projectDirectory, relativeFolderPath, file, dialect, tokens, diagnostics);
            if (migration is not null)
            {
                migrations.Add(migration);
            }
        }

        SortByVersion(migrations);
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

    /// <summary>
    /// Numeric version order (MigrationVersion.Compare), then path. Each version is normalized once, not twice per
    /// comparison: a 1,000-file sort makes some 10,000 comparisons.
    /// </summary>
    private static void SortByVersion(List<MigrationFile> migrations)
    {
        var keyed = new List<Keyed>(migrations.Count);
        foreach (var migration in migrations)
        {
            keyed.Add(new Keyed(MigrationVersion.Normalize(migration.Version), migration));
        }

        keyed.Sort(static (a, b) =>
            a.Version.Length != b.Version.Length ? a.Version.Length.CompareTo(b.Version.Length) :
            string.CompareOrdinal(a.Version, b.Version) is var c && c != 0 ? c : string.CompareOrdinal(a.File.RelativePath, b.File.RelativePath));
        for (int i = 0; i < keyed.Count; i++)
        {
            migrations[i] = keyed[i].File;
        }
    }

    private sealed record Keyed(string Version, MigrationFile File);

    private static MigrationFile? ReadOne(string projectDirectory, string relativeFolderPath, string file, SqlDialect dialect, SqlTokenList tokens, List<Diagnostic> diagnostics)
    {
        var name = Path.GetFileName(file);
        // The folder's relative path plus the name: what ProjectPaths.Relative gives for a file directly inside it.
        var relative = relativeFolderPath == "." ? name : relativeFolderPath + "/" + name;
        var where = new SourceLocation(relative);
        if (!MigrationFileName.TryParse(name, out var version, out var description))
        {
            diagnostics.Add(DiagnosticCatalog.MigrationFileName.Create(where, relative));
            return null;
        }

        var info = new FileInfo(file);
        // One lstat answers both "is it a link" and the length (LinkTarget would cost a readlink per file).
        if ((info.Attributes & FileAttributes.ReparsePoint) != 0 && info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.LinkTarget;
            if (!ProjectPaths.IsInside(ResolveLinks(projectDirectory), ResolveLinks(target)))
            {
                diagnostics.Add(DiagnosticCatalog.MigrationOutsideProject.Create(where, relative, target));
                return null;
            }
        }

        byte[] bytes;
        try
        {
            if (info.Length > MaxFileBytes)
            {
                diagnostics.Add(DiagnosticCatalog.MigrationTooLarge.Create(where, relative, info.Length, MaxFileBytes));
                return null;
            }

            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.MigrationUnreadable.Create(where, relative, ex.Message));
            return null;
        }

        // The usual file (no BOM, LF line ends, one final line end): decoding all but its last byte gives the body
        // directly, exactly what MigrationChecksum.BodyFromSource makes of the whole text, without a second copy.
        var content = bytes.AsSpan();
        bool plain = content.Length > 0 && content[^1] == (byte)'\n' && !content.StartsWith(Utf8Bom) && !content.Contains((byte)'\r');
        var text = Utf8File.TryDecode(plain ? content[..^1] : content, out var invalid);
        if (text is null)
        {
            diagnostics.Add(DiagnosticCatalog.MigrationNotUtf8.Create(SourceLocation.At(relative, invalid.Line, invalid.Column), relative, invalid.Value));
            return null;
        }

        var whole = plain ? text : MigrationChecksum.BodyFromSource(text);
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

    /// <summary>The path with every link on it resolved, so a linked db/, migrations/ or file is judged by where it leads.</summary>
    private static string ResolveLinks(string path)
    {
        path = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(path);
        var resolvedParent = parent is null ? null : ResolveLinks(parent);
        var here = resolvedParent is null ? path : Path.Combine(resolvedParent, Path.GetFileName(path));
        var target = new FileInfo(here).LinkTarget is null ? null : new FileInfo(here).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        return target ?? here;
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
