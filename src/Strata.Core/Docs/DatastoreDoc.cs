using Markdig.Syntax;
using Strata.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Docs;

/// <summary>A datastore doc that was read and parsed: the front matter as a YAML mapping, the body as Markdig blocks.</summary>
internal sealed class DatastoreDoc
{
    /// <summary>The file as diagnostics name it.</summary>
    public required string File { get; init; }

    /// <summary>The front matter's root mapping.</summary>
    public required YamlMappingNode FrontMatter { get; init; }

    /// <summary>File line of the front matter's first YAML line (2: line 1 is the opening '---').</summary>
    public required int FrontMatterFirstLine { get; init; }

    /// <summary>The Markdown body; its line numbers are file line numbers (the front matter is blanked, not removed).</summary>
    public required MarkdownDocument Markdown { get; init; }

    /// <summary>The text given to Markdig: the file with its front matter blanked (so offsets and lines match the file).</summary>
    public string MarkdownText { get; init; } = string.Empty;

    /// <summary>
    /// Offsets in the text given to Markdig (see <see cref="Markdown"/>) to file lines and columns; built on first use,
    /// which is only when a diagnostic points into the body (a clean doc never needs it).
    /// </summary>
    public LineIndex MarkdownLines => _markdownLines ??= new LineIndex(MarkdownText);

    private LineIndex? _markdownLines;

    /// <summary>Top-level H1 and H2 sections, in order.</summary>
    public required IReadOnlyList<DocSection> Sections { get; init; }

    public SourceLocation At(int line, int column) => SourceLocation.At(File, line, column);

    public SourceLocation At(Mark mark) => At(YamlLine(mark), (int)Math.Min(mark.Column, int.MaxValue));

    public SourceLocation At(YamlNode node) => At(node.Start);

    /// <summary>Location of a Markdown source offset.</summary>
    public SourceLocation AtOffset(int offset)
    {
        var (line, column) = MarkdownLines.Position(offset);
        return At(line, column);
    }

    public int YamlLine(Mark mark) => (int)Math.Min(mark.Line + FrontMatterFirstLine - 1, int.MaxValue);

    /// <summary>Location for "the front matter as a whole": its opening '---'.</summary>
    public SourceLocation FrontMatterStart => At(1, 1);
}
