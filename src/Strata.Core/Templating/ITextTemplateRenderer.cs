namespace Strata.Core.Templating;

/// <summary>Renders a text template against a model. Generators depend on this, not on a template engine.</summary>
public interface ITextTemplateRenderer
{
    string Render(string templateText, object model);
}
