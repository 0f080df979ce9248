using Strata.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Docs.Rules;

/// <summary>
/// STRATA1010: schema.location entries and backup.script are relative paths that stay inside the project
/// directory and exist (schema.location: a folder or file; backup.script: a file).
/// </summary>
internal static class PathsRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context)
    {
        foreach (var field in DocFields.All.Where(f => f.Kind is FieldKind.PathList or FieldKind.FilePath))
        {
            var value = DocFields.Find(context.FrontMatter, field.Path)?.Value;
            var scalars = value switch
            {
                YamlScalarNode scalar => [scalar],
                YamlSequenceNode list when field.Kind == FieldKind.PathList => list.Children.OfType<YamlScalarNode>(),
                _ => [],
            };

            foreach (var scalar in scalars.Where(s => !DocFields.IsEmpty(s)))
            {
                if (Problem(context.ProjectDirectory, scalar.Value!.Trim(), field.Kind == FieldKind.FilePath) is { } problem)
                {
                    yield return DiagnosticCatalog.DocPathInvalid.Create(context.Doc.At(scalar), field.Path, DocFields.Shorten(scalar.Value), problem);
                }
            }
        }
    }

    /// <summary>Why a path is not acceptable, or null when it is fine.</summary>
    internal static string? Problem(string projectDirectory, string path, bool mustBeFile)
    {
        if (path.IndexOfAny(['\0', '*', '?', '"', '<', '>', '|']) >= 0)
        {
            return "is not a valid path";
        }

        if (Path.IsPathRooted(path) || path.StartsWith('~') || (path.Length >= 2 && path[1] == ':'))
        {
            return "is absolute; use a path relative to the project directory";
        }

        string full;
        try
        {
            full = Path.GetFullPath(Path.Combine(projectDirectory, path));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return "is not a valid path";
        }

        if (!DocPaths.IsInside(full, projectDirectory))
        {
            return "leaves the project directory";
        }

        if (mustBeFile)
        {
            return File.Exists(full) ? null : Directory.Exists(full) ? "is a folder, not a file" : "does not exist";
        }

        // One stat: a file or a folder (Path.Exists answers exactly File.Exists || Directory.Exists).
        return Path.Exists(full) ? null : "does not exist";
    }
}
