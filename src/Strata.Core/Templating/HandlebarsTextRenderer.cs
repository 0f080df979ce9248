using System.Collections.Concurrent;
using HandlebarsDotNet;

namespace Strata.Core.Templating;

/// <summary>Handlebars.Net with HTML escaping off: Strata renders SQL and YAML, where escaping would corrupt output.</summary>
public sealed class HandlebarsTextRenderer : ITextTemplateRenderer
{
    public static HandlebarsTextRenderer Instance { get; } = new();

    private readonly IHandlebars _handlebars = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true, ThrowOnUnresolvedBindingExpression = true });
    private readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> _compiled = new(StringComparer.Ordinal);

    public string Render(string templateText, object model) =>
        _compiled.GetOrAdd(templateText, t => _handlebars.Compile(t))(model);
}
