using Strata.Core.Diagnostics;

namespace Strata.Core.Docs.Rules;

/// <summary>STRATA1016: classification is public, internal, confidential or restricted (the ODCS levels).</summary>
internal static class ClassificationRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context)
    {
        if (context.Value("classification") is { Value: { } value } node
            && !DocFields.Classifications.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            var nearest = StringDistance.Nearest(value.Trim(), DocFields.Classifications);
            yield return DiagnosticCatalog.DocClassificationUnknown.Create(context.Doc.At(node), DocFields.Shorten(value),
                string.Join(", ", DocFields.Classifications), nearest is null ? string.Empty : $" Did you mean '{nearest}'?");
        }
    }
}
