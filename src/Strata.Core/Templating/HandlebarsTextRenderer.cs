using System.Collections.Concurrent;
using HandlebarsDotNet;

namespace Strata.Core.Templating;

/// <summary>Handlebars.Net with HTML escaping off: Strata renders SQL and YAML, where escaping would corrupt output.</summary>
public sealed class HandlebarsTextRenderer : ITextTemplateRenderer
{
    public static HandlebarsTextRenderer Instance { get; } = new();

    // Created by the first compile, so that a build pays for setting up the engine on the compiling thread.
    private readonly Lazy<IHandlebars> _handlebars = new(() => Handlebars.Create(new HandlebarsConfiguration
    {
        NoEscape = true,
        ThrowOnUnresolvedBindingExpression = true,
    }));

    // Compiled templates by their text, for the life of the process: a reused MSBuild node (or the MSBuild server)
    // compiles each layout once. Lazy, so a compile started by Prepare is awaited rather than repeated.
    private readonly ConcurrentDictionary<string, Compilation> _compiled = new(StringComparer.Ordinal);

    public string Render(string templateText, object model) => Compiled(templateText).Template.Value(model);

    /// <summary>
    /// Compiles the template on a thread of its own. In a fresh build process the first Handlebars compile is tens of
    /// milliseconds of start-up (loading and first calls of the engine and of System.Linq.Expressions), which then
    /// overlaps with the caller reading and checking its inputs. Not the thread pool: in an MSBuild node its threads
    /// may all be busy, and the compile must start now. A compile error is not lost: Render rethrows it.
    /// </summary>
    public void Prepare(string templateText)
    {
        var compilation = Compiled(templateText);
        if (Interlocked.Exchange(ref compilation.Started, 1) == 0 && !compilation.Template.IsValueCreated)
        {
            new Thread(static c => ((Compilation)c!).Run()) { IsBackground = true, Name = "Strata template compile" }.Start(compilation);
        }
    }

    private Compilation Compiled(string templateText) =>
        _compiled.GetOrAdd(templateText, static (text, handlebars) => new Compilation(text, handlebars), _handlebars);

    /// <summary>One template's compile: done once, by whichever comes first, Prepare's thread or Render.</summary>
    private sealed class Compilation(string text, Lazy<IHandlebars> handlebars)
    {
        public int Started;

        public Lazy<HandlebarsTemplate<object, object>> Template { get; } =
            new(() => handlebars.Value.Compile(text), LazyThreadSafetyMode.ExecutionAndPublication);

        public void Run()
        {
            try
            {
                _ = Template.Value;
            }
#pragma warning disable CA1031 // the same exception is rethrown to the caller of Render, which reports it
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }
}
