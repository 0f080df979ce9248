using Strata.Core.Diagnostics;

namespace Strata.Core.Compose.Rules;

/// <summary>STRATA3015/3016: exact image tags. A digest pins the image too; an interpolated reference is not judged.</summary>
internal static class ImageRules
{
    public static IEnumerable<Diagnostic> Untagged(ComposeContext context) =>
        Judged(context)
            .Where(s => s.Image!.Tag is null)
            .Select(s => DiagnosticCatalog.ComposeImageUntagged.Create(context.Yaml.At(s.ImageNode!), s.Name, s.Image!.Text));

    public static IEnumerable<Diagnostic> Latest(ComposeContext context) =>
        Judged(context)
            .Where(s => string.Equals(s.Image!.Tag, "latest", StringComparison.OrdinalIgnoreCase))
            .Select(s => DiagnosticCatalog.ComposeImageLatest.Create(context.Yaml.At(s.ImageNode!), s.Name, s.Image!.Text));

    private static IEnumerable<ComposeService> Judged(ComposeContext context) =>
        context.Services.Where(s => s.Image is { HasDigest: false, Interpolated: false } && !s.Builds);
}
