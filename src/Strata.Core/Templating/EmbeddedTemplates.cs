using System.Collections.Concurrent;

namespace Strata.Core.Templating;

/// <summary>The default templates shipped inside Strata.Core (files ending in .hbs, embedded by the project file).</summary>
public static class EmbeddedTemplates
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, LayoutTemplate?> Layouts = new(StringComparer.Ordinal);

    /// <summary>The template's text (read once per process: the same string each time, so it is also a cheap cache key).</summary>
    public static string Read(string relativePath) => Cache.GetOrAdd(relativePath, Load);

    /// <summary>
    /// The shipped template parsed for <see cref="LayoutTemplate"/> (once per process), or null when it uses more of
    /// Handlebars than that supports: the caller then renders <see cref="Read"/>'s text with Handlebars, as before.
    /// </summary>
    public static LayoutTemplate? Layout(string relativePath) =>
        Layouts.GetOrAdd(relativePath, static path => LayoutTemplate.TryParse(Read(path), out var layout, out _) ? layout : null);

    private static string Load(string relativePath)
    {
        var name = "Strata.Core." + relativePath.Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar);
        using var stream = typeof(EmbeddedTemplates).Assembly.GetManifestResourceStream(name)
            ?? typeof(EmbeddedTemplates).Assembly.GetManifestResourceStream("Strata.Core." + relativePath.Replace('\\', '/'))
            ?? throw new InvalidOperationException($"Strata.Core has no embedded template '{relativePath}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
