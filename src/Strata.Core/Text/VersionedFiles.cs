using Strata.Core.Diagnostics;
using Strata.Migrations.Script;

namespace Strata.Core.Text;

/// <summary>
/// A folder of versioned files (db/&lt;datastore&gt;/migrations, db/&lt;datastore&gt;/schema), read one way: sorted
/// names, links judged by where they lead, a size limit, strict UTF-8, and the body normalized as
/// <see cref="MigrationChecksum.BodyFromSource"/> does (no BOM, LF line ends, no final line end). Callers map each
/// <see cref="Problem"/> to their own coded diagnostic.
/// </summary>
internal static class VersionedFiles
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Large enough for any hand-written migration or schema file; bulk data does not belong in either.</summary>
    public const long MaxFileBytes = 16 * 1024 * 1024;

    public enum Problem
    {
        None,

        /// <summary>A link leads out of the project; <see cref="FileRead.Detail"/> is its target.</summary>
        OutsideProject,

        /// <summary>Larger than <see cref="MaxFileBytes"/>; <see cref="FileRead.Length"/> is its size.</summary>
        TooLarge,

        /// <summary>An I/O error; <see cref="FileRead.Detail"/> is its message.</summary>
        Unreadable,

        /// <summary>Not UTF-8; <see cref="FileRead.Invalid"/> is the first bad byte.</summary>
        NotUtf8,
    }

    /// <summary>One file's normalized body, or why there is none.</summary>
    public readonly record struct FileRead(string? Body, Problem Problem, string Detail = "", long Length = 0, Utf8File.InvalidByte Invalid = default);

    /// <summary>The files directly in <paramref name="folder"/> whose names end in <paramref name="extension"/> (any case), sorted ordinally.</summary>
    /// <exception cref="IOException">The folder cannot be listed.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder cannot be listed.</exception>
    public static string[] List(string folder, string extension)
    {
        var files = Directory.GetFiles(folder, "*" + extension, new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive, AttributesToSkip = FileAttributes.Hidden });
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>The folder's relative path plus the name: what ProjectPaths.Relative gives for a file directly inside it.</summary>
    public static string RelativePath(string relativeFolderPath, string name) =>
        relativeFolderPath == "." ? name : relativeFolderPath + "/" + name;

    /// <summary>True when the folder, links resolved, is inside the project (links resolved); <paramref name="resolved"/> is where it leads.</summary>
    public static bool FolderIsInside(string projectDirectory, string folder, out string resolved)
    {
        resolved = ResolveLinks(folder);
        return ProjectPaths.IsInside(ResolveLinks(projectDirectory), resolved);
    }

    /// <summary>Reads one file of the folder: link check, size, UTF-8, normalization.</summary>
    public static FileRead Read(string projectDirectory, string file)
    {
        var info = new FileInfo(file);
        // One lstat answers both "is it a link" and the length (LinkTarget would cost a readlink per file).
        if ((info.Attributes & FileAttributes.ReparsePoint) != 0 && info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.LinkTarget;
            if (!ProjectPaths.IsInside(ResolveLinks(projectDirectory), ResolveLinks(target)))
            {
                return new FileRead(null, Problem.OutsideProject, target);
            }
        }

        byte[] bytes;
        try
        {
            if (info.Length > MaxFileBytes)
            {
                return new FileRead(null, Problem.TooLarge, Length: info.Length);
            }

            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new FileRead(null, Problem.Unreadable, ex.Message);
        }

        // The usual file (no BOM, LF line ends, one final line end): decoding all but its last byte gives the body
        // directly, exactly what MigrationChecksum.BodyFromSource makes of the whole text, without a second copy.
        var content = bytes.AsSpan();
        bool plain = content.Length > 0 && content[^1] == (byte)'\n' && !content.StartsWith(Utf8Bom) && !content.Contains((byte)'\r');
        var text = Utf8File.TryDecode(plain ? content[..^1] : content, out var invalid);
        if (text is null)
        {
            return new FileRead(null, Problem.NotUtf8, Invalid: invalid);
        }

        return new FileRead(plain ? text : MigrationChecksum.BodyFromSource(text), Problem.None, Length: bytes.Length);
    }

    /// <summary>The coded diagnostics a kind of versioned file (migrations, schema files) reports its read problems with.</summary>
    public sealed record ProblemCodes(DiagnosticDescriptor OutsideProject, DiagnosticDescriptor TooLarge, DiagnosticDescriptor Unreadable, DiagnosticDescriptor NotUtf8);

    /// <summary>
    /// The file's normalized body (<see cref="Read"/>), or null after reporting its problem, at the file (the bad byte
    /// for invalid UTF-8), with <paramref name="codes"/>.
    /// </summary>
    public static string? ReadOrReport(string projectDirectory, string file, string relative, ProblemCodes codes, List<Diagnostic> diagnostics)
    {
        var read = Read(projectDirectory, file);
        var where = new SourceLocation(relative);
        Diagnostic? problem = read.Problem switch
        {
            Problem.OutsideProject => codes.OutsideProject.Create(where, relative, read.Detail),
            Problem.TooLarge => codes.TooLarge.Create(where, relative, read.Length, MaxFileBytes),
            Problem.Unreadable => codes.Unreadable.Create(where, relative, read.Detail),
            Problem.NotUtf8 => codes.NotUtf8.Create(SourceLocation.At(relative, read.Invalid.Line, read.Invalid.Column), relative, read.Invalid.Value),
            _ => null,
        };
        if (problem is not null)
        {
            diagnostics.Add(problem);
            return null;
        }

        return read.Body!;
    }

    /// <summary>
    /// Numeric version order (MigrationVersion.Compare), then path. Each version is normalized once, not twice per
    /// comparison: a 1,000-file sort makes some 10,000 comparisons.
    /// </summary>
    public static void SortByVersion<T>(List<T> files, Func<T, string> version, Func<T, string> path)
        where T : class
    {
        var keyed = new List<Keyed<T>>(files.Count);
        foreach (var file in files)
        {
            keyed.Add(new Keyed<T>(MigrationVersion.Normalize(version(file)), path(file), file));
        }

        keyed.Sort(static (a, b) =>
            a.Version.Length != b.Version.Length ? a.Version.Length.CompareTo(b.Version.Length) :
            string.CompareOrdinal(a.Version, b.Version) is var c && c != 0 ? c : string.CompareOrdinal(a.Path, b.Path));
        for (int i = 0; i < keyed.Count; i++)
        {
            files[i] = keyed[i].File;
        }
    }

    private sealed record Keyed<T>(string Version, string Path, T File);

    /// <summary>The path with every link on it resolved, so a linked db/, migrations/, schema/ or file is judged by where it leads.</summary>
    public static string ResolveLinks(string path)
    {
        path = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(path);
        var resolvedParent = parent is null ? null : ResolveLinks(parent);
        var here = resolvedParent is null ? path : Path.Combine(resolvedParent, Path.GetFileName(path));
        var target = new FileInfo(here).LinkTarget is null ? null : new FileInfo(here).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
        return target ?? here;
    }
}
