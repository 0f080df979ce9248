using System.Globalization;
using Strata.Core.Diagnostics;

namespace Strata.Core.Docs.Rules;

/// <summary>STRATA1014: a required section heading appears twice. Points at the second heading.</summary>
internal static class DuplicateSectionsRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context)
    {
        foreach (var (name, _) in DocRules.RequiredSections)
        {
            var matches = context.Doc.Sections.Where(s => s.Level == 2 && RequiredSectionsRule.Matches(s, name)).ToList();
            foreach (var duplicate in matches.Skip(1))
            {
                yield return DiagnosticCatalog.DocDuplicateSection.Create(
                    context.Doc.At(duplicate.Line, duplicate.Column), name, matches[0].Line.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
