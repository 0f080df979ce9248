namespace Strata.Core.Schemas.Cypher;

internal enum CypherTokenKind
{
    Word,
    Number,
    String,
    Name,
    Punctuation,
    Semicolon,
}

/// <summary>A significant token (comments and white space are dropped); Line and Column (1-based) are where it starts.</summary>
internal readonly record struct CypherToken(CypherTokenKind Kind, int Start, int Length, int Line, int Column)
{
    public string Text(string source) => source.Substring(Start, Length);

    /// <summary>A string's or a backtick name's content, quotes removed and doubled quotes or escapes folded.</summary>
    public string Value(string source)
    {
        if (Kind is not (CypherTokenKind.String or CypherTokenKind.Name))
        {
            return Text(source);
        }

        var inner = source.Substring(Start + 1, Length - 2);
        return Kind == CypherTokenKind.Name ? inner.Replace("``", "`", StringComparison.Ordinal) : inner.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal);
    }

    public bool Is(string source, string word) =>
        Kind == CypherTokenKind.Word && source.AsSpan(Start, Length).Equals(word, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A small Cypher lexer for schema files: '...' and "..." strings with backslash escapes, `backtick` names, // and
/// /* */ comments, numbers, words and punctuation; brackets must balance. Stops at the first lexical error.
/// </summary>
internal static class CypherLexer
{
    public sealed record Error(string Message, int Line, int Column);

    public static List<CypherToken> Lex(string text, out Error? error)
    {
        var tokens = new List<CypherToken>();
        var brackets = new Stack<(char Open, int Line, int Column)>();
        error = null;
        int i = 0, line = 1, lineStart = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int start = i, column = i - lineStart + 1, startLine = line;
            if (c == '\n')
            {
                i++;
                line++;
                lineStart = i;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    error = new Error("This block comment is never closed", startLine, column);
                    return tokens;
                }

                Advance(text, i, end + 2, ref line, ref lineStart);
                i = end + 2;
                continue;
            }

            if (c is '\'' or '"' or '`')
            {
                int end = Closing(text, i, c);
                if (end < 0)
                {
                    error = new Error(c == '`' ? "This backtick name is never closed" : "This string is never closed", startLine, column);
                    return tokens;
                }

                Advance(text, i, end + 1, ref line, ref lineStart);
                i = end + 1;
                tokens.Add(new CypherToken(c == '`' ? CypherTokenKind.Name : CypherTokenKind.String, start, i - start, startLine, column));
                continue;
            }

            if (char.IsLetter(c) || c is '_' or '$')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add(new CypherToken(CypherTokenKind.Word, start, i - start, line, column));
                continue;
            }

            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(new CypherToken(CypherTokenKind.Number, start, i - start, line, column));
                continue;
            }

            i++;
            switch (c)
            {
                case '(' or '[' or '{':
                    brackets.Push((c, line, column));
                    break;
                case ')' or ']' or '}':
                    char open = c == ')' ? '(' : c == ']' ? '[' : '{';
                    if (brackets.Count == 0 || brackets.Peek().Open != open)
                    {
                        error = new Error($"This '{c}' closes no '{open}'", line, column);
                        return tokens;
                    }

                    brackets.Pop();
                    break;
                case ';' when brackets.Count > 0:
                    var unclosed = brackets.Peek();
                    error = new Error($"The '{unclosed.Open}' on line {unclosed.Line} is not closed before this ';'", line, column);
                    return tokens;
            }

            tokens.Add(new CypherToken(c == ';' ? CypherTokenKind.Semicolon : CypherTokenKind.Punctuation, start, 1, line, column));
        }

        if (brackets.Count > 0)
        {
            var (open, openLine, openColumn) = brackets.Peek();
            error = new Error($"This '{open}' is never closed", openLine, openColumn);
        }

        return tokens;
    }

    /// <summary>The index of the quote that closes the one at <paramref name="start"/>, or -1.</summary>
    private static int Closing(string text, int start, char quote)
    {
        for (int i = start + 1; i < text.Length; i++)
        {
            if (quote != '`' && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                if (quote == '`' && i + 1 < text.Length && text[i + 1] == '`')
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }

    private static void Advance(string text, int from, int to, ref int line, ref int lineStart)
    {
        for (int j = from; j < to; j++)
        {
            if (text[j] == '\n')
            {
                line++;
                lineStart = j + 1;
            }
        }
    }
}
