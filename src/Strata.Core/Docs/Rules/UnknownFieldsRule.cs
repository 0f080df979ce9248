using Strata.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Docs.Rules;

/// <summary>STRATA1013 (warning): a front-matter key the format does not define, with the nearest valid name.</summary>
internal static class UnknownFieldsRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context)
    {
        var diagnostics = new List<Diagnostic>();
        Check(context, context.FrontMatter, string.Empty, DocFields.Root, diagnostics);
        return diagnostics;
    }

    private static void Check(DocRuleContext context, YamlMappingNode mapping, string prefix, IReadOnlyList<DocField> fields, List<Diagnostic> diagnostics)
    {
        foreach (var pair in mapping.Children)
        {
            if (pair.Key is not YamlScalarNode { Value: { } name } key)
            {
                diagnostics.Add(DiagnosticCatalog.DocUnknownField.Create(context.Doc.At(pair.Key), "(complex key)", "; keys must be plain field names"));
                continue;
            }

            var field = fields.FirstOrDefault(f => f.Name == name);
            if (field is not null)
            {
                if (field.Children is not null && pair.Value is YamlMappingNode inner)
                {
                    Check(context, inner, field.Path + ".", field.Children, diagnostics);
                }

                continue;
            }

            if (name.StartsWith(DocFields.ExtensionPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            diagnostics.Add(DiagnosticCatalog.DocUnknownField.Create(context.Doc.At(key), prefix + DocFields.Shorten(name), Suggest(name, fields)));
        }
    }

    private static string Suggest(string name, IReadOnlyList<DocField> fields)
    {
        // The right name at the wrong level, e.g. a top-level 'rpo:'.
        var elsewhere = DocFields.All.FirstOrDefault(f => f.Name == name && !fields.Contains(f));
        if (elsewhere is not null)
        {
            return $"; '{name}' belongs under '{elsewhere.Path[..elsewhere.Path.LastIndexOf('.')]}:' (did you mean '{elsewhere.Path}'?)";
        }

        var nearest = StringDistance.Nearest(name, fields.Select(f => f.Name));
        return nearest is not null
            ? $"; did you mean '{nearest}'?"
            : $". Valid fields here: {string.Join(", ", fields.Select(f => f.Name))}; custom fields start with '{DocFields.ExtensionPrefix}'.";
    }
}
