using System.Text;
using System.Xml;

namespace Strata.Core.Datastores;

/// <summary>
/// Adds a <c>&lt;Datastore Include="x" Engine="y" /&gt;</c> item to a project file by inserting one line of text, so the
/// rest of the file (comments, attribute quoting, blank lines, line endings, BOM) stays byte for byte as it was: after
/// the last existing Datastore item, with its indentation, or in a new ItemGroup before <c>&lt;/Project&gt;</c>.
/// </summary>
public static class ProjectFileEditor
{
    /// <summary>The project text with the item added, or null and why not.</summary>
    public static string? AddDatastoreItem(string projectText, string name, string engine, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(projectText);
        problem = null;
        var newline = projectText.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        int lastDatastoreStart = -1;
        int projectEndTag = -1;
        try
        {
            var lines = new LineStarts(projectText);
            using var reader = XmlReader.Create(new StringReader(projectText),
                new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
            var info = (IXmlLineInfo)reader;
            var sawRoot = false;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == 0)
                {
                    if (reader.LocalName != "Project")
                    {
                        problem = $"its root element is <{reader.LocalName}>, not <Project>";
                        return null;
                    }

                    sawRoot = true;
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && reader.LocalName == "Datastore")
                {
                    // Line info points at the name; the '<' is one character before it.
                    lastDatastoreStart = lines.Offset(info.LineNumber, info.LinePosition) - 1;
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0)
                {
                    projectEndTag = lines.Offset(info.LineNumber, info.LinePosition) - 2;
                }
            }

            if (!sawRoot || projectEndTag < 0)
            {
                problem = "it has no <Project> element";
                return null;
            }
        }
        catch (XmlException ex)
        {
            problem = $"it is not valid XML ({ex.Message.TrimEnd('.')})";
            return null;
        }

        var item = $"<Datastore Include=\"{Escape(name)}\" Engine=\"{Escape(engine)}\" />";
        if (lastDatastoreStart >= 0)
        {
            var end = EndOfElement(projectText, lastDatastoreStart);
            if (end < 0)
            {
                problem = "the last Datastore item could not be located";
                return null;
            }

            var indent = IndentOf(projectText, lastDatastoreStart);
            return projectText[..end] + newline + indent + item + projectText[end..];
        }

        // No Datastore item yet: a new ItemGroup, indented like the project's other top-level elements.
        var lineStart = projectText.LastIndexOf('\n', Math.Max(0, projectEndTag - 1)) + 1;
        var unit = DetectIndent(projectText);
        var group = new StringBuilder()
            .Append(unit).Append("<ItemGroup>").Append(newline)
            .Append(unit).Append(unit).Append(item).Append(newline)
            .Append(unit).Append("</ItemGroup>").Append(newline);
        var before = projectText[..lineStart];
        var onlyWhitespaceBeforeTag = string.IsNullOrWhiteSpace(projectText[lineStart..projectEndTag]);
        if (!onlyWhitespaceBeforeTag)
        {
            // "</ItemGroup></Project>" on one line: put the group on its own lines before the end tag.
            return projectText[..projectEndTag] + newline + group + projectText[projectEndTag..];
        }

        var blank = before.EndsWith(newline + newline, StringComparison.Ordinal) || before.Length == 0 ? string.Empty : newline;
        return before + blank + group + projectText[lineStart..];
    }

    private static string Escape(string value) => value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    /// <summary>Offset just after the element starting at <paramref name="start"/>: after "/&gt;" or after its end tag.</summary>
    private static int EndOfElement(string text, int start)
    {
        char quote = '\0';
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                if (text[i - 1] == '/')
                {
                    return i + 1;
                }

                var close = text.IndexOf("</Datastore", i, StringComparison.Ordinal);
                var gt = close < 0 ? -1 : text.IndexOf('>', close);
                return gt < 0 ? -1 : gt + 1;
            }
        }

        return -1;
    }

    private static string IndentOf(string text, int offset)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        var indent = text[lineStart..offset];
        return string.IsNullOrWhiteSpace(indent) ? indent : "    ";
    }

    /// <summary>The indentation of the first indented line (two spaces if none).</summary>
    private static string DetectIndent(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart(' ', '\t');
            if (trimmed.Length > 0 && trimmed.Length < line.Length && trimmed[0] == '<')
            {
                return line[..(line.Length - trimmed.Length)];
            }
        }

        return "  ";
    }

    private sealed class LineStarts
    {
        private readonly List<int> _starts = [0];

        public LineStarts(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public int Offset(int line, int column) => _starts[line - 1] + column - 1;
    }
}
