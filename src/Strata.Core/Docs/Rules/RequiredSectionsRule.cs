using Strata.Core.Diagnostics;

namespace Strata.Core.Docs.Rules;

/// <summary>STRATA1006: the four H2 sections of seed rule 11.6 are present. Points at the H1 title, or line 1.</summary>
internal static class RequiredSectionsRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context)
    {
        var sections = context.Doc.Sections;
        var title = sections.FirstOrDefault(s => s.Level == 1);
        var where = title is null ? context.Doc.At(1, 1) : context.Doc.At(title.Line, title.Column);
        foreach (var (name, content) in DocRules.RequiredSections)
        {
            if (!sections.Any(s => s.Level == 2 && Matches(s, name)))
            {
                var wrongLevel = sections.FirstOrDefault(s => s.Level != 2 && Matches(s, name));
                var hint = wrongLevel is null ? content : $"{content} (the '# {wrongLevel.Title}' heading on line {wrongLevel.Line} is an H1; use '##')";
                yield return DiagnosticCatalog.DocRequiredSectionMissing.Create(where, name, hint);
            }
        }
    }

    public static bool Matches(DocSection section, string name) => string.Equals(section.Title, name, StringComparison.OrdinalIgnoreCase);
}
