namespace Strata.Core.Docs;

/// <summary>Path helpers shared by the validator and the rules: containment checks and display paths.</summary>
internal static class DocPaths
{
    /// <summary>Windows and macOS file systems are case-insensitive by default.</summary>
    public static StringComparison Comparison { get; } =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>True when <paramref name="fullPath"/> is <paramref name="directory"/> or below it (both absolute).</summary>
    public static bool IsInside(string fullPath, string directory)
    {
        var dir = Path.TrimEndingDirectorySeparator(directory);
        var path = Path.TrimEndingDirectorySeparator(fullPath);
        return path.Equals(dir, Comparison)
            || (path.StartsWith(dir, Comparison) && (path[dir.Length] == Path.DirectorySeparatorChar || path[dir.Length] == Path.AltDirectorySeparatorChar));
    }

    /// <summary>The path as diagnostics show it: relative to the project, '/' separators.</summary>
    public static string Display(string projectDirectory, string fullPath) =>
        Path.GetRelativePath(projectDirectory, fullPath).Replace('\\', '/');
}
