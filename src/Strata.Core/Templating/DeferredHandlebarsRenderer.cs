namespace Strata.Core.Templating;

/// <summary>
/// <see cref="HandlebarsTextRenderer"/>, set up on first use: a build whose scripts all use built-in layouts (rendered by
/// <see cref="LayoutTemplate"/>) never loads Handlebars.Net, which costs about a millisecond of a build's critical path.
/// </summary>
public sealed class DeferredHandlebarsRenderer : ITextTemplateRenderer
{
    public static DeferredHandlebarsRenderer Instance { get; } = new();

    public string Render(string templateText, object model) => HandlebarsTextRenderer.Instance.Render(templateText, model);

    public void Prepare(string templateText) => HandlebarsTextRenderer.Instance.Prepare(templateText);
}
