using Strata.Core.Diagnostics;

namespace Strata.Core.Docs.Rules;

/// <summary>STRATA1008: the doc's engine is the Datastore item's Engine (case-insensitive, like the engine catalog).</summary>
internal static class EngineRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context)
    {
        if (context.Value("engine") is { Value: { } engine } node
            && !string.Equals(engine.Trim(), context.Datastore.Engine, StringComparison.OrdinalIgnoreCase))
        {
            yield return DiagnosticCatalog.DocEngineMismatch.Create(
                context.Doc.At(node), DocFields.Shorten(engine), context.Datastore.Name, context.Datastore.Engine);
        }
    }
}
