using System.Collections.Concurrent;
using System.Linq.Expressions;
using HandlebarsDotNet;

namespace Strata.Core.Templating;

/// <summary>Handlebars.Net with HTML escaping off: Strata renders SQL and YAML, where escaping would corrupt output.</summary>
public sealed class HandlebarsTextRenderer : ITextTemplateRenderer
{
    public static HandlebarsTextRenderer Instance { get; } = new();

    private readonly IHandlebars _handlebars = Handlebars.Create(new HandlebarsConfiguration
    {
        NoEscape = true,
        ThrowOnUnresolvedBindingExpression = true,
        CompileTimeConfiguration = { ExpressionCompiler = new InterpretingCompiler() },
    });

    private readonly ConcurrentDictionary<string, HandlebarsTemplate<object, object>> _compiled = new(StringComparer.Ordinal);

    public string Render(string templateText, object model) =>
        _compiled.GetOrAdd(templateText, t => _handlebars.Compile(t))(model);

    /// <summary>
    /// A build renders each template once, in a fresh process: interpreting the expression trees costs less than
    /// compiling them to IL first (measured ~20% off the first render of the migration script layout).
    /// </summary>
    private sealed class InterpretingCompiler : IExpressionCompiler
    {
        T IExpressionCompiler.Compile<T>(Expression<T> expression) => expression.Compile(preferInterpretation: true);
    }
}
