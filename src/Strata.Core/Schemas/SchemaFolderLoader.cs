using Strata.Core.Diagnostics;
using Strata.Core.Text;
using Strata.Migrations.Script;

namespace Strata.Core.Schemas;

/// <summary>
/// Reads db/&lt;datastore&gt;/schema the way SQL migrations are read (<see cref="VersionedFiles"/>): names, versions,
/// links, size, UTF-8, empty files (STRATA4001-4007). A missing folder is no schema yet: the docs check already
/// reports a schema.location that does not exist.
/// </summary>
internal static class SchemaFolderLoader
{
    public static List<SchemaFile> Load(string projectDirectory, string relativeFolder, string extension, List<Diagnostic> diagnostics)
    {
        var folder = Path.GetFullPath(Path.Combine(projectDirectory, relativeFolder));
        var folderLocation = new SourceLocation(relativeFolder);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        if (!VersionedFiles.FolderIsInside(projectDirectory, folder, out var resolved))
        {
            diagnostics.Add(DiagnosticCatalog.SchemaOutsideProject.Create(folderLocation, relativeFolder, resolved));
            return [];
        }

        string[] paths;
        try
        {
            paths = VersionedFiles.List(folder, extension);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.SchemaUnreadable.Create(folderLocation, relativeFolder, ex.Message));
            return [];
        }

        var relativeFolderPath = ProjectPaths.Relative(projectDirectory, Path.TrimEndingDirectorySeparator(folder));
        var files = new List<SchemaFile>(paths.Length);
        foreach (var path in paths)
        {
            if (ReadOne(projectDirectory, relativeFolderPath, path, extension, diagnostics) is { } file)
            {
                files.Add(file);
            }
        }

        VersionedFiles.SortByVersion(files, static f => f.Version, static f => f.RelativePath);
        for (int i = 1; i < files.Count; i++)
        {
            if (MigrationVersion.Compare(files[i - 1].Version, files[i].Version) == 0)
            {
                diagnostics.Add(DiagnosticCatalog.DuplicateSchemaVersion.Create(
                    new SourceLocation(files[i].RelativePath), files[i - 1].RelativePath, files[i].RelativePath, files[i].Version));
            }
        }

        return files;
    }

    private static readonly VersionedFiles.ProblemCodes Codes = new(
        DiagnosticCatalog.SchemaOutsideProject, DiagnosticCatalog.SchemaFileTooLarge, DiagnosticCatalog.SchemaUnreadable, DiagnosticCatalog.SchemaFileNotUtf8);

    private static SchemaFile? ReadOne(string projectDirectory, string relativeFolderPath, string path, string extension, List<Diagnostic> diagnostics)
    {
        var name = Path.GetFileName(path);
        var relative = VersionedFiles.RelativePath(relativeFolderPath, name);
        var where = new SourceLocation(relative);
        if (!VersionedFileName.TryParse(name, extension, out var version, out var description))
        {
            diagnostics.Add(DiagnosticCatalog.SchemaFileName.Create(where, relative, extension));
            return null;
        }

        var body = VersionedFiles.ReadOrReport(projectDirectory, path, relative, Codes, diagnostics);
        if (body is null)
        {
            return null;
        }

        if (body.AsSpan().Trim().IsEmpty)
        {
            diagnostics.Add(DiagnosticCatalog.SchemaFileEmpty.Create(where, relative, "is empty"));
            return null;
        }

        return new SchemaFile(version, description, relative, body, MigrationChecksum.Compute(body));
    }
}
