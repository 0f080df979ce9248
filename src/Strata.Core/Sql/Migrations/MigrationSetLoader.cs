using Strata.Core.Diagnostics;
using Strata.Migrations.Sql;
using Strata.Core.Text;
using Strata.Migrations.Script;

namespace Strata.Core.Sql.Migrations;

/// <summary>Reads db/&lt;datastore&gt;/migrations: names, versions, encoding and lexical soundness of each file.</summary>
public static class MigrationSetLoader
{
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

        var migrations = new List<MigrationFile>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var migration = ReadOne(projectDirectory, file, dialect, diagnostics);
            if (migration is not null)
            {
                migrations.Add(migration);
            }
        }

        migrations.Sort((a, b) => MigrationVersion.Compare(a.Version, b.Version) is var c && c != 0 ? c : string.CompareOrdinal(a.RelativePath, b.RelativePath));
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

    private static MigrationFile? ReadOne(string projectDirectory, string file, SqlDialect dialect, List<Diagnostic> diagnostics)
    {
        var relative = ProjectPaths.Relative(projectDirectory, file);
        var where = new SourceLocation(relative);
        if (!MigrationFileName.TryParse(Path.GetFileName(file), out var version, out var description))
        {
            diagnostics.Add(DiagnosticCatalog.MigrationFileName.Create(where, relative));
            return null;
        }

        var info = new FileInfo(file);
        if (info.LinkTarget is not null)
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

        var text = Utf8File.TryDecode(bytes, out var invalid);
        if (text is null)
        {
            diagnostics.Add(DiagnosticCatalog.MigrationNotUtf8.Create(SourceLocation.At(relative, invalid.Line, invalid.Column), relative, invalid.Value));
            return null;
        }

        var whole = MigrationChecksum.BodyFromSource(text);
        int before = diagnostics.Count;
        CheckTokens(relative, whole, dialect, diagnostics);
        if (diagnostics.Count > before)
        {
            return null;
        }

        var parts = MigrationDirectives.Apply(whole);
        if (parts.Up.Trim().Length == 0 || !HasStatement(parts.Up, dialect))
        {
            diagnostics.Add(DiagnosticCatalog.EmptyMigration.Create(new SourceLocation(relative), relative));
            return null;
        }

        return new MigrationFile(version, description, relative, parts.Up, MigrationChecksum.Compute(parts.Up), MigrationChecksum.Compute(whole),
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
    private static void CheckTokens(string relative, string body, SqlDialect dialect, List<Diagnostic> diagnostics)
    {
        var unterminated = SqlLexer.Tokenize(body, dialect).FirstOrDefault(t => t.Kind == SqlTokenKind.Unterminated);
        if (unterminated.Length > 0)
        {
            diagnostics.Add(DiagnosticCatalog.UnterminatedToken.Create(
                SourceLocation.At(relative, unterminated.Line, unterminated.Column), DescribeUnterminated(body[unterminated.Start]), relative));
            return;
        }

        int line = 0;
        foreach (var text in body.Split('\n'))
        {
            line++;
            if (text.StartsWith(ScriptFormat.MarkerPrefix, StringComparison.Ordinal) && !MigrationDirectives.IsDirective(text))
            {
                diagnostics.Add(DiagnosticCatalog.ReservedMarker.Create(SourceLocation.At(relative, line, 1)));
            }
        }
    }

    private static bool HasStatement(string body, SqlDialect dialect) =>
        SqlLexer.Tokenize(body, dialect).Any(t => !t.IsTrivia && t.Kind != SqlTokenKind.Semicolon);

    private static string DescribeUnterminated(char first) => first switch
    {
        '/' => "block comment",
        '$' => "dollar-quoted string",
        '"' or '`' or '[' => "quoted identifier",
        _ => "string literal",
    };
}
