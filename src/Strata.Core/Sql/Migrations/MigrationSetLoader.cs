using Strata.Core.Diagnostics;
using Strata.Core.Sql.Lexing;
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
            if (!ProjectPaths.IsInside(projectDirectory, target))
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
            diagnostics.Add(DiagnosticCatalog.MigrationsFolderMissing.Create(where, Path.GetFileName(file), relative, "cannot be read: " + ex.Message));
            return null;
        }

        var text = Utf8File.TryDecode(bytes, out var invalid);
        if (text is null)
        {
            diagnostics.Add(DiagnosticCatalog.MigrationNotUtf8.Create(SourceLocation.At(relative, invalid.Line, invalid.Column), relative, invalid.Value));
            return null;
        }

        var body = MigrationChecksum.BodyFromSource(text);
        int before = diagnostics.Count;
        CheckTokens(relative, body, dialect, diagnostics);
        if (diagnostics.Count > before)
        {
            return null;
        }

        return new MigrationFile(version, description, relative, body, MigrationChecksum.Compute(body));
    }

    private static void CheckTokens(string relative, string body, SqlDialect dialect, List<Diagnostic> diagnostics)
    {
        bool hasStatement = false;
        foreach (var token in SqlLexer.Tokenize(body, dialect))
        {
            switch (token.Kind)
            {
                case SqlTokenKind.Unterminated:
                    diagnostics.Add(DiagnosticCatalog.UnterminatedToken.Create(
                        SourceLocation.At(relative, token.Line, token.Column), DescribeUnterminated(body[token.Start]), relative));
                    return;
                case SqlTokenKind.LineComment when token.Column == 1 && token.Text(body).StartsWith(ScriptFormat.MarkerPrefix, StringComparison.Ordinal):
                    diagnostics.Add(DiagnosticCatalog.ReservedMarker.Create(SourceLocation.At(relative, token.Line, token.Column)));
                    break;
                case SqlTokenKind.Semicolon:
                    break;
                default:
                    hasStatement |= !token.IsTrivia;
                    break;
            }
        }

        if (!hasStatement)
        {
            diagnostics.Add(DiagnosticCatalog.EmptyMigration.Create(new SourceLocation(relative), relative));
        }
    }

    private static string DescribeUnterminated(char first) => first switch
    {
        '/' => "block comment",
        '$' => "dollar-quoted string",
        '"' or '`' or '[' => "quoted identifier",
        _ => "string literal",
    };
}
