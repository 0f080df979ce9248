using Strata.Core.Diagnostics;

namespace Strata.Core.Docs;

/// <summary>
/// Checks the datastore docs of one project (seed rule 11.6): every declared datastore has
/// <c>docs/data/&lt;datastore&gt;.md</c> with valid front matter and the four required sections, and every doc there
/// belongs to a declared datastore. Reads each doc once, never reads outside the docs directory, never throws for
/// bad input: every problem is a coded <see cref="Diagnostic"/> (STRATA1001-STRATA1018). The format is described in
/// docs/datastore-docs.md, each code in docs/diagnostics/STRATA1xxx.md.
/// </summary>
public static class DatastoreDocValidator
{
    /// <summary>Doc file names in the docs folder that are indexes, not datastore docs (never STRATA1002).</summary>
    private static readonly string[] IndexFiles = ["README.md", "index.md"];

    /// <summary>Below this many docs, threads cost more than they save.</summary>
    private const int ParallelThreshold = 16;

    public static IReadOnlyList<Diagnostic> Validate(DocValidationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var project = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.ProjectDirectory));
        var docsDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(project, request.DocsDirectory)));
        var existing = ListDocs(docsDirectory);

        var diagnostics = new List<Diagnostic>();
        var declared = new HashSet<string>(StringComparer.Ordinal);

        // Duplicates are STRATA0004's business; validate (and read) each doc once. Docs are independent, so they are
        // checked in parallel; results are gathered in declaration order, so the output does not depend on timing.
        var unique = request.Datastores.Where(d => declared.Add(d.Name)).ToList();
        var results = new List<Diagnostic>[unique.Count];
        if (unique.Count < ParallelThreshold)
        {
            for (var i = 0; i < unique.Count; i++)
            {
                results[i] = ValidateDatastore(project, docsDirectory, unique[i], existing);
            }
        }
        else
        {
            Parallel.For(0, unique.Count, i => results[i] = ValidateDatastore(project, docsDirectory, unique[i], existing));
        }

        foreach (var result in results)
        {
            diagnostics.AddRange(result);
        }

        // One case-insensitive set, not a scan of every declared name for every file (1,000 x 1,000 comparisons).
        var declaredAnyCase = new HashSet<string>(declared, StringComparer.OrdinalIgnoreCase);
        foreach (var file in existing)
        {
            var name = file[..^3];
            if (!declaredAnyCase.Contains(name) && !IndexFiles.Contains(file, StringComparer.OrdinalIgnoreCase))
            {
                var display = DocPaths.Display(project, Path.Combine(docsDirectory, file));
                diagnostics.Add(DiagnosticCatalog.DocUndeclared.Create(SourceLocation.At(display, 1, 1), display, name));
            }
        }

        return request.AbsolutePaths ? diagnostics.Select(d => WithAbsolutePath(d, project)).ToList() : diagnostics;
    }

    /// <summary>Turns a project-relative diagnostic file (as <see cref="Validate"/> returns by default) into an absolute path.</summary>
    public static Diagnostic WithAbsolutePath(Diagnostic diagnostic, string projectDirectory)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var file = Path.GetFullPath(Path.Combine(projectDirectory, diagnostic.Location.File));
        return diagnostic with { Location = diagnostic.Location with { File = file } };
    }

    private static List<Diagnostic> ValidateDatastore(string project, string docsDirectory, DeclaredDatastore datastore, List<string> existing)
    {
        var diagnostics = new List<Diagnostic>();
        var docsDisplay = DocPaths.Display(project, docsDirectory);
        var name = datastore.Name ?? string.Empty;
        string? path = null;
        if (name.Length > 0 && name.Trim() == name && name is not ("." or "..") && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
            && name.IndexOfAny(['/', '\\', ':']) < 0)
        {
            path = Path.GetFullPath(Path.Combine(docsDirectory, name + ".md"));
        }

        if (path is null || !string.Equals(Path.GetDirectoryName(path), docsDirectory, DocPaths.Comparison))
        {
            diagnostics.Add(DiagnosticCatalog.DocPathUnsafe.Create(new SourceLocation(docsDisplay), name, $"{docsDisplay}/{name}.md",
                "is not a plain file name inside the docs folder", docsDisplay));
            return diagnostics;
        }

        var display = DocPaths.Display(project, path);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                if (Directory.Exists(path))
                {
                    diagnostics.Add(DiagnosticCatalog.DocUnreadable.Create(new SourceLocation(display), $"'{display}' is a folder, not a file"));
                    return diagnostics;
                }

                var differentCase = existing.FirstOrDefault(f => string.Equals(f, name + ".md", StringComparison.OrdinalIgnoreCase));
                var hint = differentCase is null ? string.Empty : $" A file '{differentCase}' exists, but file names are case-sensitive: rename it to '{name}.md'.";
                diagnostics.Add(DiagnosticCatalog.DocMissing.Create(new SourceLocation(display), name, datastore.Engine, display, hint));
                return diagnostics;
            }

            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target
                && !DocPaths.IsInside(target.FullName, docsDirectory))
            {
                diagnostics.Add(DiagnosticCatalog.DocPathUnsafe.Create(new SourceLocation(display), name, display,
                    "is a symbolic link to a file outside the docs folder", docsDisplay));
                return diagnostics;
            }

            var bytes = ReadBounded(path, out var length);
            if (bytes is null)
            {
                diagnostics.Add(DiagnosticCatalog.DocRejected.Create(SourceLocation.At(display, 1, 1), DocLoader.TooLarge(length)));
                return diagnostics;
            }

            var doc = DocLoader.Load(display, bytes, diagnostics);
            if (doc is not null)
            {
                diagnostics.AddRange(DocRules.Run(new DocRuleContext(doc, datastore, project)));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            diagnostics.Add(DiagnosticCatalog.DocUnreadable.Create(new SourceLocation(display), ex.Message.TrimEnd('.')));
        }
#pragma warning disable CA1031 // A bug in a rule must become a coded build error, not a task crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            diagnostics.Add(DiagnosticCatalog.InternalError.Create(new SourceLocation(display), $"validating '{display}'", ex.GetType().Name + ": " + ex.Message));
        }

        return diagnostics.Count < 2 ? diagnostics : [.. diagnostics.OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column)];
    }

    /// <summary>Reads at most <see cref="DocLimits.MaxDocBytes"/>; null (and the size seen) when the file is larger.</summary>
    private static byte[]? ReadBounded(string path, out long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
        length = stream.Length;
        if (length > DocLimits.MaxDocBytes)
        {
            return null;
        }

        // Sized from the file's length (plus one byte to notice a file that grew past the limit meanwhile): allocating
        // the 1 MiB limit for every doc cost about 2 ms per doc in GC and zeroing (eng/bench/docs, docs/benchmarks.md).
        var buffer = new byte[(int)Math.Min(length, DocLimits.MaxDocBytes) + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        if (total == buffer.Length && total <= DocLimits.MaxDocBytes)
        {
            // The file grew while it was read: read the rest up to the limit the slow way.
            using var rest = new MemoryStream();
            rest.Write(buffer, 0, total);
            var chunk = new byte[81920];
            while (rest.Length <= DocLimits.MaxDocBytes && (read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                rest.Write(chunk, 0, read);
            }

            length = rest.Length;
            return rest.Length > DocLimits.MaxDocBytes ? null : rest.ToArray();
        }

        length = total;
        return total > DocLimits.MaxDocBytes ? null : buffer[..total];
    }

    private static List<string> ListDocs(string docsDirectory)
    {
        try
        {
            return Directory.Exists(docsDirectory)
                ? [.. Directory.EnumerateFiles(docsDirectory, "*.md", SearchOption.TopDirectoryOnly).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)]
                : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
