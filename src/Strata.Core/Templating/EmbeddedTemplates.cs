namespace Strata.Core.Templating;

/// <summary>The default templates shipped inside Strata.Core (files ending in .hbs, embedded by the project file).</summary>
public static class EmbeddedTemplates
{
    public static string Read(string relativePath)
    {
        var name = "Strata.Core." + relativePath.Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar);
        using var stream = typeof(EmbeddedTemplates).Assembly.GetManifestResourceStream(name)
            ?? typeof(EmbeddedTemplates).Assembly.GetManifestResourceStream("Strata.Core." + relativePath.Replace('\\', '/'))
            ?? throw new InvalidOperationException($"Strata.Core has no embedded template '{relativePath}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
