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

        // Lines are read as spans of the text (a line's text excludes its '\n', and trailing white space, a CR
        // included, is ignored when looking for the '---' lines): no line strings, no line table.
        if (!Line(text, 0, out var next).TrimEnd().SequenceEqual("---"))
        {
            diagnostics.Add(DiagnosticCatalog.DocFrontMatterInvalid.Create(SourceLocation.At(file, 1, 1),
                "the file must start with a '---' line, then YAML front matter (datastore, engine, owner, purpose, schema, backup, retention), then a closing '---' line"));
            return null;
        }

        int closing = 0, closingStart = 0, bodyStart = text.Length;
        for (int line = 2, start = next; start >= 0; line++)
        {
            var trimmed = Line(text, start, out var after).TrimEnd();
            if (trimmed.SequenceEqual("---") || trimmed.SequenceEqual("..."))
            {
                (closing, closingStart, bodyStart) = (line, start, after < 0 ? text.Length : after);
                break;
            }

            start = after;
        }

        if (closing == 0)
        {
            diagnostics.Add(DiagnosticCatalog.DocFrontMatterInvalid.Create(SourceLocation.At(file, 1, 1),
                "the front matter opened on line 1 is never closed; add a '---' line after the last YAML line"));
            return null;
        }

        var root = LoadFrontMatter(file, FrontMatterText(text, next, closingStart), diagnostics);
        if (root is null)
        {
            return null;
        }

        // Blank the front matter instead of removing it, so Markdig's line numbers are file line numbers.
        var markdownText = string.Create(closing + text.Length - bodyStart, (closing, text, bodyStart), static (chars, state) =>
        {
            chars[..state.closing].Fill('\n');
            state.text.AsSpan(state.bodyStart).CopyTo(chars[state.closing..]);
        });
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
            MarkdownText = markdownText,
            Sections = CollectSections(markdown),
        };
    }

    /// <summary>The line that starts at <paramref name="start"/>, without its '\n'; <paramref name="next"/> is where the next one starts, or -1.</summary>
    private static ReadOnlySpan<char> Line(string text, int start, out int next)
    {
        int end = text.IndexOf('\n', start);
        next = end < 0 ? -1 : end + 1;
        return text.AsSpan(start, (end < 0 ? text.Length : end) - start);
    }

    /// <summary>
    /// The YAML between the '---' lines (from <paramref name="start"/> up to the closing line), each line ending in
    /// '\n' and without the CR of a CRLF line end. Usually that is the text itself, taken in one piece.
    /// </summary>
    private static string FrontMatterText(string text, int start, int end)
    {
        var span = text.AsSpan(start, end - start);
        if (!span.Contains('\r'))
        {
            return span.ToString();
        }

        var yaml = new StringBuilder(span.Length);
        while (!span.IsEmpty)
        {
            int newline = span.IndexOf('\n');
            var line = newline < 0 ? span : span[..newline];
            if (line.EndsWith('\r'))
            {
                line = line[..^1];
            }

            yaml.Append(line).Append('\n');
            span = newline < 0 ? [] : span[(newline + 1)..];
        }

        return yaml.ToString();
    }

    private static YamlMappingNode? LoadFrontMatter(string file, string yaml, List<Diagnostic> diagnostics)
    {
        // The front matter starts on file line 2: YAML line n is file line n + 1.
        SourceLocation At(Mark mark) => SourceLocation.At(file, (int)Math.Min(mark.Line + 1, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

        // One pass: YamlDotNet builds its node tree from a parser that checks every event against the limits first
        // (LimitedParser), so hostile input is refused before the (recursive) tree building reaches it.
        var parser = new LimitedParser(new Parser(new StringReader(yaml)));
        try
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(parser);
            }
            catch (Exception ex) when (ex is not LimitedParser.Rejected && parser.ErrorFromParser is null)
            {
                // The tree builder refused something the parser accepted (a duplicate key, say). The limits and the
                // parser's own errors take precedence wherever they occur, so read on to the end of the events first.
                parser.Drain();
                throw;
            }

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
        catch (LimitedParser.Rejected rejection)
        {
            var descriptor = rejection.Hostile ? DiagnosticCatalog.DocRejected : DiagnosticCatalog.DocFrontMatterInvalid;
            diagnostics.Add(descriptor.Create(At(rejection.Where), rejection.Reason));
            return null;
        }
        catch (YamlException ex)
        {
            diagnostics.Add(DiagnosticCatalog.DocFrontMatterInvalid.Create(At(ex.Start), "not valid YAML: " + YamlText.Message(ex)));
            return null;
        }
    }

    /// <summary>
    /// A parser that refuses, as each event arrives, what would make YamlDotNet's node tree dangerous or useless:
    /// too many events, nesting deeper than the limit, aliases, huge scalars, a second document. Nothing here
    /// recurses, and the tree builder never sees an event past a refused one, so any input is safe.
    /// </summary>
    private sealed class LimitedParser(Parser inner) : IParser
    {
        private int _depth, _events, _documents;

        public sealed class Rejected(Mark where, string reason, bool hostile) : Exception(reason)
        {
            public Mark Where { get; } = where;

            public string Reason { get; } = reason;

            public bool Hostile { get; } = hostile;
        }

        /// <summary>A syntax error the parser itself raised (it wins over anything the tree builder says).</summary>
        public YamlException? ErrorFromParser { get; private set; }

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            bool moved;
            try
            {
                moved = inner.MoveNext();
            }
            catch (YamlException ex)
            {
                ErrorFromParser = ex;
                throw;
            }

            if (moved)
            {
                Check(inner.Current!);
            }

            return moved;
        }

        /// <summary>Reads the remaining events, so that a refusal or a parser error later in the text is raised.</summary>
        public void Drain()
        {
            while (MoveNext())
            {
            }
        }

        private void Check(ParsingEvent current)
        {
            if (++_events > DocLimits.MaxYamlEvents)
            {
                throw new Rejected(current.Start, $"the front matter has more than {DocLimits.MaxYamlEvents:N0} YAML nodes", true);
            }

            switch (current)
            {
                case DocumentStart when ++_documents > 1:
                    throw new Rejected(current.Start, "the front matter holds more than one YAML document", false);
                case MappingStart or SequenceStart when ++_depth > DocLimits.MaxYamlDepth:
                    throw new Rejected(current.Start, $"the front matter nests mappings or lists more than {DocLimits.MaxYamlDepth} levels deep", true);
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
                case AnchorAlias alias:
                    throw new Rejected(current.Start, $"the front matter uses the YAML alias '*{YamlText.Truncate(alias.Value.Value)}'; anchors and aliases are not allowed in datastore docs", true);
                case Scalar scalar when scalar.Value.Length > DocLimits.MaxScalarChars:
                    throw new Rejected(current.Start, $"a front-matter value is {scalar.Value.Length:N0} characters long, more than the limit of {DocLimits.MaxScalarChars:N0}", true);
            }
        }
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
