using Strata.Core.Diagnostics;

namespace Strata.Core.Docs.Rules;

/// <summary>STRATA1009: the doc's 'datastore' field names the datastore its file name says (exact match).</summary>
internal static class DatastoreNameRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context)
    {
        if (context.Value("datastore") is { Value: { } name } node && name.Trim() != context.Datastore.Name)
        {
            yield return DiagnosticCatalog.DocDatastoreMismatch.Create(
                context.Doc.At(node), DocFields.Shorten(name), Path.GetFileName(context.Doc.File), context.Datastore.Name);
        }
    }
}
