namespace Strata.Core.Templating;

/// <summary>Renders a text template against a model. Generators depend on this, not on a template engine.</summary>
public interface ITextTemplateRenderer
{
    string Render(string templateText, object model);

    /// <summary>
    /// Says that <paramref name="templateText"/> will be rendered soon, so a renderer may start compiling it on another
    /// thread while the caller reads its inputs. Optional: <see cref="Render"/> works without it.
    /// </summary>
    void Prepare(string templateText)
    {
    }
}
