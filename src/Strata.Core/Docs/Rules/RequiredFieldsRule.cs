using Strata.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Docs.Rules;

/// <summary>STRATA1005: every required front-matter field is present. Points at the parent's key, or line 1.</summary>
internal static class RequiredFieldsRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context) => Check(context, context.FrontMatter, null, DocFields.Root);

    private static IEnumerable<Diagnostic> Check(DocRuleContext context, YamlMappingNode mapping, YamlScalarNode? parentKey, IReadOnlyList<DocField> fields)
    {
        foreach (var field in fields)
        {
            var entry = DocFields.Entry(mapping, field.Name);
            if (entry is null)
            {
                if (field.Required)
                {
                    var where = parentKey is null ? context.Doc.FrontMatterStart : context.Doc.At(parentKey);
                    yield return DiagnosticCatalog.DocRequiredFieldMissing.Create(where, field.Path, Hint(field, parentKey));
                }

                continue;
            }

            if (field.Children is not null && entry.Value.Value is YamlMappingNode inner)
            {
                foreach (var diagnostic in Check(context, inner, entry.Value.Key, field.Children))
                {
                    yield return diagnostic;
                }
            }
        }
    }

    private static string Hint(DocField field, YamlScalarNode? parentKey)
    {
        if (field.Children is not null)
        {
            var required = string.Join(", ", field.Children.Where(c => c.Required).Select(c => c.Name));
            return $"add a '{field.Name}:' mapping with {required}";
        }

        return parentKey is null ? $"add '{field.Name}: ...' to the front matter" : $"add '{field.Name}: ...' under '{parentKey.Value}:'";
    }
}
