using Strata.Core.Diagnostics;
using Strata.Core.Text;

namespace Strata.Core.Compose;

/// <summary>
/// Checks a project's compose file against its Datastore items and the rules in <see cref="ComposeRules"/>
/// (STRATA3001-3049, docs/compose.md). Reads one file, at most 4 MiB; never throws for bad input: every problem is a
/// coded <see cref="Diagnostic"/> with file, line and column. No compose file and none required: nothing to check.
/// </summary>
public static class ComposeValidator
{
    public static IReadOnlyList<Diagnostic> Validate(ComposeValidationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var project = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.ProjectDirectory));
        var path = Locate(project, request.ComposeFile);
        if (path is null)
        {
            return request.Required
                ? [DiagnosticCatalog.ComposeUnreadable.Create(new SourceLocation(request.ComposeFile),
                    $"'{request.ComposeFile}' does not exist (StrataComposeFile names it); create it, or remove the setting")]
                : [];
        }

        var display = ProjectPaths.IsInside(project, path) ? ProjectPaths.Relative(project, path) : path;
        var diagnostics = new List<Diagnostic>();
        if (Read(path, display, diagnostics) is { } bytes)
        {
            Check(display, bytes, request, diagnostics);
        }

        return request.AbsolutePaths
            ? diagnostics.Select(d => d with { Location = d.Location with { File = Path.GetFullPath(Path.Combine(project, d.Location.File)) } }).ToList()
            : diagnostics;
    }

    /// <summary>Checks compose text that is already in memory; <paramref name="file"/> is what diagnostics show.</summary>
    public static IReadOnlyList<Diagnostic> ValidateText(string file, string yaml, IReadOnlyList<Docs.DeclaredDatastore> datastores)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var diagnostics = new List<Diagnostic>();
        Check(file, System.Text.Encoding.UTF8.GetBytes(yaml), new ComposeValidationRequest(".", file, datastores), diagnostics);
        return diagnostics;
    }

    private static void Check(string file, byte[] bytes, ComposeValidationRequest request, List<Diagnostic> diagnostics)
    {
        var root = ComposeLoader.Load(file, bytes, diagnostics);
        if (root is null)
        {
            return;
        }

        var context = ComposeContext.Create(new ComposeYaml(file), root, request.Datastores, diagnostics);
        if (context is not null)
        {
            diagnostics.AddRange(ComposeRules.Run(context)
                .OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ThenBy(d => d.Id, StringComparer.Ordinal));
        }
    }

    private static string? Locate(string project, string composeFile)
    {
        if (!string.IsNullOrWhiteSpace(composeFile))
        {
            var full = Path.GetFullPath(Path.Combine(project, composeFile));
            return File.Exists(full) ? full : null;
        }

        return ComposeValidationRequest.DefaultFileNames.Select(n => Path.Combine(project, n)).FirstOrDefault(File.Exists);
    }

    private static byte[]? Read(string path, string display, List<Diagnostic> diagnostics)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            if (stream.Length > ComposeLimits.MaxFileBytes)
            {
                diagnostics.Add(DiagnosticCatalog.ComposeRejected.Create(SourceLocation.At(display, 1, 1), ComposeLoader.TooLarge(stream.Length)));
                return null;
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.ComposeUnreadable.Create(new SourceLocation(display), ex.Message.TrimEnd('.')));
            return null;
        }
    }
}
