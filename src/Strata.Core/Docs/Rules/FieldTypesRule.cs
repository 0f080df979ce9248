using Strata.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Docs.Rules;

/// <summary>STRATA1017: each known field has the right YAML shape (mapping, single value, list of paths, true/false).</summary>
internal static class FieldTypesRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context)
    {
        foreach (var field in DocFields.All)
        {
            if (DocFields.Find(context.FrontMatter, field.Path) is not { } entry)
            {
                continue;
            }

            var value = entry.Value;
            switch (field.Kind)
            {
                case FieldKind.Mapping when value is not YamlMappingNode:
                    var children = string.Join(", ", field.Children!.Select(c => c.Name));
                    yield return Create(context, value, field, $"a mapping of fields ({children})");
                    break;
                case FieldKind.Boolean when value is not YamlScalarNode { Value: { } flag } || !IsBoolean(flag):
                    yield return Create(context, value, field, "true or false");
                    break;
                case FieldKind.PathList when value is YamlSequenceNode list:
                    foreach (var item in list.Children.Where(i => i is not YamlScalarNode))
                    {
                        yield return Create(context, item, field, "a path or a list of paths", "a list item that is " + DocFields.Describe(item));
                    }

                    break;
                case FieldKind.PathList when value is not YamlScalarNode:
                    yield return Create(context, value, field, "a path or a list of paths");
                    break;
                case not (FieldKind.Mapping or FieldKind.Boolean or FieldKind.PathList) when value is not YamlScalarNode:
                    yield return Create(context, value, field, "a single value");
                    break;
            }
        }
    }

    private static bool IsBoolean(string value) =>
        value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static Diagnostic Create(DocRuleContext context, YamlNode value, DocField field, string expected, string? actual = null) =>
        DiagnosticCatalog.DocFieldWrongType.Create(context.Doc.At(value), field.Path, expected, actual ?? DocFields.Describe(value));
}
