namespace Strata.Core.Schemas.Json;

/// <summary>Byte offsets in UTF-8 text to 1-based lines and columns (columns count characters, not bytes).</summary>
internal sealed class Utf8Lines
{
    private readonly byte[] _text;
    private readonly List<int> _starts = [0];

    public Utf8Lines(byte[] text)
    {
        _text = text;
        for (int i = text.AsSpan().IndexOf((byte)'\n'); i >= 0;)
        {
            _starts.Add(i + 1);
            int next = text.AsSpan(i + 1).IndexOf((byte)'\n');
            i = next < 0 ? -1 : i + 1 + next;
        }
    }

    public (int Line, int Column) Position(int offset)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        int index = _starts.BinarySearch(offset);
        int line = index >= 0 ? index : ~index - 1;
        return (line + 1, Column(_starts[line], offset));
    }

    /// <summary>A 0-based line and byte position in it (what System.Text.Json's exceptions carry).</summary>
    public (int Line, int Column) Position(int zeroBasedLine, long bytePositionInLine)
    {
        int line = Math.Clamp(zeroBasedLine, 0, _starts.Count - 1);
        int offset = (int)Math.Min(_starts[line] + bytePositionInLine, _text.Length);
        return (line + 1, Column(_starts[line], offset));
    }

    private int Column(int start, int offset)
    {
        int column = 1;
        for (int i = start; i < offset; i++)
        {
            if ((_text[i] & 0xC0) != 0x80)
            {
                column++;
            }
        }

        return column;
    }
}
