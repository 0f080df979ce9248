using System.Text;

namespace Strata.Core.Datastores;

/// <summary>
/// Text as numbered lines, each with its own terminator, so new lines can be inserted at a parser's line number without
/// changing any other byte (comments, blank lines, mixed line endings stay as they were). Lines end where YamlDotNet
/// ends them (CR LF, LF, CR, NEL, LS, PS), so its 1-based <c>Mark.Line</c> is a line number here.
/// </summary>
internal sealed class LineText
{
    private readonly List<string> _lines = [];
    private readonly List<string> _ends = [];

    public LineText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('\n' or '\r' or '\u0085' or '\u2028' or '\u2029'))
            {
                continue;
            }

            var end = c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? "\r\n" : c.ToString();
            _lines.Add(text[start..i]);
            _ends.Add(end);
            i += end.Length - 1;
            start = i + 1;
        }

        if (start < text.Length)
        {
            _lines.Add(text[start..]);
            _ends.Add(string.Empty);
        }

        NewLine = _ends.FirstOrDefault(e => e is "\r\n" or "\n") ?? "\n";
    }

    /// <summary>The line ending inserted lines get: the file's first CR LF or LF, else LF.</summary>
    public string NewLine { get; }

    public int Count => _lines.Count;

    /// <summary>The 1-based line's text, without its terminator.</summary>
    public string this[int line] => _lines[line - 1];

    /// <summary>True when the 1-based line holds only spaces and tabs.</summary>
    public bool IsBlank(int line) => string.IsNullOrWhiteSpace(_lines[line - 1]);

    /// <summary>Inserts lines after the 1-based <paramref name="line"/> (0: at the top). Insert bottom-up to keep numbers valid.</summary>
    public void InsertAfter(int line, IReadOnlyList<string> lines)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(line, _lines.Count);
        if (line > 0 && _ends[line - 1].Length == 0)
        {
            _ends[line - 1] = NewLine;
        }

        _lines.InsertRange(line, lines);
        _ends.InsertRange(line, lines.Select(_ => NewLine));
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _lines.Count; i++)
        {
            text.Append(_lines[i]).Append(_ends[i]);
        }

        return text.ToString();
    }
}
