namespace Strata.Core.Text;

/// <summary>Paths as diagnostics show them: relative to the project, with '/' on every OS.</summary>
public static class ProjectPaths
{
    public static string Relative(string projectDirectory, string fullPath) =>
        Path.GetRelativePath(projectDirectory, fullPath).Replace('\\', '/');

    public static bool IsInside(string directory, string fullPath)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(fullPath).StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
