using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Strata.Core.Diagnostics;
using Strata.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Docs;

/// <summary>
/// Turns the bytes of a datastore doc into a <see cref="DatastoreDoc"/>, or into STRATA1003/1004/1015 diagnostics.
/// Order matters for hostile input: size first, then UTF-8, then a non-recursive event pre-scan of the YAML
/// (depth, aliases, scalar length) before YamlDotNet builds its (recursive) node tree.
/// </summary>
internal static class DocLoader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    /// <summary>Decodes and parses a doc read from disk.</summary>
    public static DatastoreDoc? Load(string file, ReadOnlySpan<byte> bytes, List<Diagnostic> diagnostics)
    {
        if (bytes.Length > DocLimits.MaxDocBytes)
        {
            diagnostics.Add(DiagnosticCatalog.DocRejected.Create(SourceLocation.At(file, 1, 1), TooLarge(bytes.Length)));
            return null;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var text = Utf8File.TryDecode(bytes, out var invalid);
        if (text is null)
        {
            diagnostics.Add(DiagnosticCatalog.DocUnreadable.Create(SourceLocation.At(file, invalid.Line, invalid.Column),
                $"the file is not valid UTF-8 (invalid byte 0x{invalid.Value:X2} at byte offset {invalid.Offset}); save it as UTF-8"));
            return null;
        }

        return Parse(file, text, diagnostics);
    }

    internal static string TooLarge(long length) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the file is {length:N0} bytes, more than the limit of {DocLimits.MaxDocBytes:N0} bytes (1 MiB)");

    /// <summary>Parses decoded text (a leading BOM character is ignored).</summary>
    public static DatastoreDoc? Parse(string file, string text, List<Diagnostic> diagnostics)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lines = new LineIndex(text);
        if (lines.LineText(1).TrimEnd() != "---")
        {
            diagnostics.Add(DiagnosticCatalog.DocFrontMatterInvalid.Create(SourceLocation.At(file, 1, 1),
                "the file must start with a '---' line, then YAML front matter (datastore, engine, owner, purpose, schema, backup, retention), then a closing '---' line"));
            return null;
        }

        var closing = 0;
        for (var line = 2; line <= lines.LineCount; line++)
        {
            var trimmed = lines.LineText(line).TrimEnd();
            if (trimmed is "---" or "...")
            {
                closing = line;
                break;
            }
        }

        if (closing == 0)
        {
            diagnostics.Add(DiagnosticCatalog.DocFrontMatterInvalid.Create(SourceLocation.At(file, 1, 1),
                "the front matter opened on line 1 is never closed; add a '---' line after the last YAML line"));
            return null;
        }

        var yaml = new StringBuilder();
        for (var line = 2; line < closing; line++)
        {
            yaml.Append(lines.LineText(line)).Append('\n');
        }

        var root = LoadFrontMatter(file, yaml.ToString(), diagnostics);
        if (root is null)
        {
            return null;
        }

        // Blank the front matter instead of removing it, so Markdig's line numbers are file line numbers.
        var bodyStart = closing < lines.LineCount ? lines.StartOf(closing + 1) : text.Length;
        var markdownText = new string('\n', closing) + text[bodyStart..];
        MarkdownDocument markdown;
        try
        {
            markdown = Markdown.Parse(markdownText, Pipeline);
        }
        catch (ArgumentException ex)
        {
            // Markdig's own guard against pathological nesting ("depth limit exceeded").
            diagnostics.Add(DiagnosticCatalog.DocRejected.Create(SourceLocation.At(file, closing + 1, 1),
                "the Markdown body nests elements too deeply (" + ex.Message.TrimEnd('.') + ")"));
            return null;
        }

        return new DatastoreDoc
        {
            File = file,
            FrontMatter = root,
            FrontMatterFirstLine = 2,
            Markdown = markdown,
            MarkdownLines = new LineIndex(markdownText),
            MarkdownText = markdownText,
            Sections = CollectSections(markdown),
        };
    }

    private static YamlMappingNode? LoadFrontMatter(string file, string yaml, List<Diagnostic> diagnostics)
    {
        // The front matter starts on file line 2: YAML line n is file line n + 1.
        SourceLocation At(Mark mark) => SourceLocation.At(file, (int)Math.Min(mark.Line + 1, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

        try
        {
            if (PreScan(yaml) is { } rejection)
            {
                var descriptor = rejection.Hostile ? DiagnosticCatalog.DocRejected : DiagnosticCatalog.DocFrontMatterInvalid;
                diagnostics.Add(descriptor.Create(At(rejection.Where), rejection.Reason));
                return null;
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                diagnostics.Add(DiagnosticCatalog.DocFrontMatterInvalid.Create(SourceLocation.At(file, 1, 1),
                    "the front matter is empty; it needs datastore, engine, owner, purpose, schema, backup and retention"));
                return null;
            }

            if (stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                var node = stream.Documents[0].RootNode;
                diagnostics.Add(DiagnosticCatalog.DocFrontMatterInvalid.Create(At(node.Start),
                    $"the front matter must be a YAML mapping of 'field: value' lines, but it is a {DocFields.Describe(node)}"));
                return null;
            }

            return root;
        }
        catch (YamlException ex)
        {
            diagnostics.Add(DiagnosticCatalog.DocFrontMatterInvalid.Create(At(ex.Start), "not valid YAML: " + YamlText.Message(ex)));
            return null;
        }
    }

    private sealed record Rejection(Mark Where, string Reason, bool Hostile);

    /// <summary>Walks parser events without building nodes: nothing here recurses, so any nesting depth is safe.</summary>
    private static Rejection? PreScan(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        int depth = 0, events = 0, documents = 0;
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            if (++events > DocLimits.MaxYamlEvents)
            {
                return new(current.Start, $"the front matter has more than {DocLimits.MaxYamlEvents:N0} YAML nodes", true);
            }

            switch (current)
            {
                case DocumentStart:
                    if (++documents > 1)
                    {
                        return new(current.Start, "the front matter holds more than one YAML document", false);
                    }

                    break;
                case MappingStart or SequenceStart:
                    if (++depth > DocLimits.MaxYamlDepth)
                    {
                        return new(current.Start, $"the front matter nests mappings or lists more than {DocLimits.MaxYamlDepth} levels deep", true);
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case AnchorAlias alias:
                    return new(current.Start, $"the front matter uses the YAML alias '*{YamlText.Truncate(alias.Value.Value)}'; anchors and aliases are not allowed in datastore docs", true);
                case Scalar scalar when scalar.Value.Length > DocLimits.MaxScalarChars:
                    return new(current.Start, $"a front-matter value is {scalar.Value.Length:N0} characters long, more than the limit of {DocLimits.MaxScalarChars:N0}", true);
            }
        }

        return null;
    }





    private static List<DocSection> CollectSections(MarkdownDocument markdown)
    {
        var sections = new List<DocSection>();
        HeadingBlock? heading = null;
        var blocks = new List<Block>();
        foreach (var block in markdown)
        {
            if (block is HeadingBlock { Level: <= 2 } next)
            {
                Flush();
                heading = next;
                blocks = [];
            }
            else if (heading is not null)
            {
                blocks.Add(block);
            }
        }

        Flush();
        return sections;

        void Flush()
        {
            if (heading is not null)
            {
                sections.Add(new DocSection(InlineText(heading.Inline).Trim(), heading.Level, heading.Line + 1, heading.Column + 1, blocks));
            }
        }
    }

    /// <summary>The plain text of an inline tree (literals and code spans), without recursion.</summary>
    internal static string InlineText(ContainerInline? container)
    {
        var text = new StringBuilder();
        if (container is null)
        {
            return string.Empty;
        }

        var stack = new Stack<Inline>();
        for (var child = container.LastChild; child is not null; child = child.PreviousSibling)
        {
            stack.Push(child);
        }

        while (stack.Count > 0)
        {
            switch (stack.Pop())
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline inner:
                    for (var child = inner.LastChild; child is not null; child = child.PreviousSibling)
                    {
                        stack.Push(child);
                    }

                    break;
            }
        }

        return text.ToString();
    }
}
