namespace Strata.Migrations.Sqlite;

/// <summary>
/// Skips the whitespace and comments in front of a statement, only to report the line of its first real token.
/// Statement boundaries themselves come from SQLite's parser (the tail of sqlite3_prepare_v2), never from here.
/// </summary>
internal static class SqlTrivia
{
    public static int SkipLeading(ReadOnlySpan<byte> utf8)
    {
        var i = 0;
        while (i < utf8.Length)
        {
            var b = utf8[i];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f' or (byte)'\v')
            {
                i++;
            }
            else if (b == '-' && i + 1 < utf8.Length && utf8[i + 1] == '-')
            {
                var end = utf8[i..].IndexOf((byte)'\n');
                i = end < 0 ? utf8.Length : i + end + 1;
            }
            else if (b == '/' && i + 1 < utf8.Length && utf8[i + 1] == '*')
            {
                var end = utf8[(i + 2)..].IndexOf("*/"u8);
                i = end < 0 ? utf8.Length : i + 2 + end + 2;
            }
            else
            {
                break;
            }
        }

        return i;
    }
}
