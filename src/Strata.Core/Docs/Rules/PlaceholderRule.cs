using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Strata.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Docs.Rules;

/// <summary>
/// STRATA1007: placeholder text (TODO, TBD, FIXME, XXX, &lt;...&gt;, "Describe ...") or an empty value in a
/// front-matter field, and placeholders or no content in a required section. Code spans and code blocks are not
/// searched, so a doc may quote `docs/data/&lt;datastore&gt;.md`.
/// </summary>
internal static class PlaceholderRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context) =>
        CheckFields(context).Concat(CheckSections(context));

    private static IEnumerable<Diagnostic> CheckFields(DocRuleContext context)
    {
        foreach (var field in DocFields.All.Where(f => f.Kind is not (FieldKind.Mapping or FieldKind.Boolean)))
        {
            var value = DocFields.Find(context.FrontMatter, field.Path)?.Value;
            var scalars = value switch
            {
                YamlScalarNode scalar => [scalar],
                YamlSequenceNode list when field.Kind == FieldKind.PathList => list.Children.OfType<YamlScalarNode>().ToList(),
                _ => new List<YamlScalarNode>(),
            };

            if (value is YamlSequenceNode { Children.Count: 0 } emptyList)
            {
                yield return Create(context.Doc.At(emptyList), field, "the list is empty");
            }

            foreach (var scalar in scalars)
            {
                if (DocFields.IsEmpty(scalar))
                {
                    yield return Create(context.Doc.At(scalar), field, "it is empty");
                }
                else if (Placeholders.Find(scalar.Value!) is { } found)
                {
                    yield return Create(context.Doc.At(context.Doc.YamlLine(scalar.Start), Column(scalar, found.Index)), field, found.What);
                }
            }
        }
    }

    private static Diagnostic Create(SourceLocation where, DocField field, string what) =>
        DiagnosticCatalog.DocPlaceholder.Create(where, $"Field '{field.Path}'", what);

    /// <summary>Exact column for one-line plain and quoted scalars; the value's start otherwise.</summary>
    private static int Column(YamlScalarNode scalar, int index)
    {
        var start = (int)Math.Min(scalar.Start.Column, int.MaxValue);
        if (scalar.Start.Line != scalar.End.Line)
        {
            return start;
        }

        return scalar.Style switch
        {
            ScalarStyle.Plain => start + index,
            ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted when !scalar.Value!.Contains('\'', StringComparison.Ordinal) => start + 1 + index,
            _ => start,
        };
    }

    private static List<Diagnostic> CheckSections(DocRuleContext context)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var (name, _) in DocRules.RequiredSections)
        {
            var section = context.Doc.Sections.FirstOrDefault(s => s.Level == 2 && RequiredSectionsRule.Matches(s, name));
            if (section is not null)
            {
                CheckSection(context.Doc, section, diagnostics);
            }
        }

        return diagnostics;
    }

    private static void CheckSection(DatastoreDoc doc, DocSection section, List<Diagnostic> diagnostics)
    {
        var label = $"Section '## {section.Title}'";
        var hasContent = false;
        var reported = diagnostics.Count;
        var stack = new Stack<Block>(section.Blocks.AsEnumerable().Reverse());
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case HtmlBlock html:
                    hasContent |= html.Type != HtmlBlockType.Comment;
                    CheckLines(doc, html, label, diagnostics);
                    break;
                case CodeBlock:
                    hasContent = true;
                    break;
                case LeafBlock { Inline: { } inline } leaf:
                    hasContent |= leaf is not HeadingBlock;
                    CheckInlines(doc, inline, label, diagnostics);
                    break;
                case ContainerBlock container:
                    for (var i = container.Count - 1; i >= 0; i--)
                    {
                        stack.Push(container[i]);
                    }

                    break;
                case LeafBlock leaf when leaf is not (ThematicBreakBlock or LinkReferenceDefinition):
                    hasContent = true;
                    break;
            }
        }

        if (!hasContent && diagnostics.Count == reported)
        {
            diagnostics.Add(DiagnosticCatalog.DocPlaceholder.Create(doc.At(section.Line, section.Column), label, "the section is empty"));
        }
    }

    /// <summary>Raw HTML blocks: only the marker words and "Describe" are placeholders (tags are real HTML).</summary>
    private static void CheckLines(DatastoreDoc doc, LeafBlock block, string label, List<Diagnostic> diagnostics)
    {
        foreach (var line in block.Lines.Lines.Take(block.Lines.Count))
        {
            if (Placeholders.FindInHtml(line.Slice.ToString()) is { } found)
            {
                diagnostics.Add(DiagnosticCatalog.DocPlaceholder.Create(doc.AtOffset(line.Slice.Start + found.Index), label, found.What));
                return;
            }
        }
    }

    /// <summary>
    /// Flattens a block's inlines into plain text (literals only; code spans, links' targets and real HTML tags are
    /// gaps) with a map back to source offsets, then looks for the first placeholder. No recursion.
    /// </summary>
    private static void CheckInlines(DatastoreDoc doc, ContainerInline root, string label, List<Diagnostic> diagnostics)
    {
        var plain = new StringBuilder();
        var segments = new List<(int Plain, int Source)>();
        var stack = new Stack<Inline>();
        PushChildren(stack, root);
        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case LiteralInline literal:
                    segments.Add((plain.Length, literal.Span.Start));
                    plain.Append(literal.Content.AsSpan());
                    break;
                case HtmlInline html when html.Tag.StartsWith("<!--", StringComparison.Ordinal):
                    if (Placeholders.FindInHtml(html.Tag) is { } inComment)
                    {
                        diagnostics.Add(DiagnosticCatalog.DocPlaceholder.Create(doc.AtOffset(html.Span.Start + inComment.Index), label, inComment.What));
                        return;
                    }

                    plain.Append(' ');
                    break;
                case HtmlInline html when Placeholders.IsPlaceholderTag(html.Tag):
                    diagnostics.Add(DiagnosticCatalog.DocPlaceholder.Create(doc.AtOffset(html.Span.Start), label,
                        $"the angle-bracket placeholder '{DocFields.Shorten(html.Tag)}'"));
                    return;
                case ContainerInline container:
                    PushChildren(stack, container);
                    break;
                default:
                    plain.Append(' ');
                    break;
            }
        }

        if (Placeholders.Find(plain.ToString()) is { } found)
        {
            var segment = segments.LastOrDefault(s => s.Plain <= found.Index);
            diagnostics.Add(DiagnosticCatalog.DocPlaceholder.Create(doc.AtOffset(segment.Source + found.Index - segment.Plain), label, found.What));
        }
    }

    private static void PushChildren(Stack<Inline> stack, ContainerInline container)
    {
        for (var child = container.LastChild; child is not null; child = child.PreviousSibling)
        {
            stack.Push(child);
        }
    }
}
