namespace Strata.Core.Docs;

/// <summary>Maps character offsets in a text to 1-based line and column numbers.</summary>
internal sealed class LineIndex
{
    private readonly int[] _starts;
    private readonly string _text;

    public LineIndex(string text)
    {
        _text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _starts = [.. starts];
    }

    public int LineCount => _starts.Length;

    /// <summary>Offset of the first character of a 1-based line.</summary>
    public int StartOf(int line) => _starts[line - 1];

    /// <summary>The text of a 1-based line without its line terminator.</summary>
    public string LineText(int line)
    {
        var start = _starts[line - 1];
        var end = line < _starts.Length ? _starts[line] - 1 : _text.Length;
        if (end > start && _text[end - 1] == '\r')
        {
            end--;
        }

        return _text[start..end];
    }

    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        var index = Array.BinarySearch(_starts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _starts[line] + 1);
    }
}
