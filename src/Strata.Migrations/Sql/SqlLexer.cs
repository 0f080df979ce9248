namespace Strata.Migrations.Sql;

/// <summary>
/// A lexer for migration SQL as PostgreSQL and SQLite read it (no psql meta-commands). It never throws and never
/// backtracks more than a dollar-quote tag, so any input, however hostile, is lexed in one linear pass.
/// </summary>
public sealed class SqlLexer
{
    private readonly string _text;
    private readonly SqlDialect _dialect;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private SqlLexer(string text, SqlDialect dialect)
    {
        _text = text;
        _dialect = dialect;
    }

    public static IEnumerable<SqlToken> Tokenize(string text, SqlDialect dialect)
    {
        var lexer = new SqlLexer(text, dialect);
        while (lexer._pos < text.Length)
        {
            yield return lexer.Next();
        }
    }

    /// <summary>The same tokens as <see cref="Tokenize"/>, appended to <paramref name="tokens"/> without an enumerator.</summary>
    internal static void Lex(string text, SqlDialect dialect, SqlTokenList tokens)
    {
        var lexer = new SqlLexer(text, dialect);
        while (lexer._pos < text.Length)
        {
            tokens.Add(lexer.Next());
        }
    }

    private SqlToken Next()
    {
        int start = _pos, line = _line, column = _pos - _lineStart + 1;
        var kind = Scan();
        return new SqlToken(kind, start, _pos - start, line, column);
    }

    private char Peek(int offset = 0) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private void Advance()
    {
        if (_text[_pos] == '\n')
        {
            _line++;
            _lineStart = _pos + 1;
        }

        _pos++;
    }

    private SqlTokenKind Scan()
    {
        char c = Peek();
        if (IsSpace(c))
        {
            while (_pos < _text.Length && IsSpace(Peek()))
            {
                Advance();
            }

            return SqlTokenKind.Whitespace;
        }

        if (c == '-' && Peek(1) == '-')
        {
            // Like PostgreSQL and SQLite, a line comment stops before '\r' as well as '\n' (CRLF files).
            while (_pos < _text.Length && Peek() is not ('\n' or '\r'))
            {
                Advance();
            }

            return SqlTokenKind.LineComment;
        }

        if (c == '/' && Peek(1) == '*')
        {
            return BlockComment();
        }

        if ((c is 'E' or 'e') && Peek(1) == '\'' && _dialect == SqlDialect.PostgreSql)
        {
            Advance();
            return Quoted('\'', SqlTokenKind.StringLiteral, backslashEscapes: true);
        }

        switch (c)
        {
            case '\'':
                return Quoted('\'', SqlTokenKind.StringLiteral, backslashEscapes: false);
            case '"':
                return Quoted('"', SqlTokenKind.QuotedIdentifier, backslashEscapes: false);
            case '`' when _dialect == SqlDialect.Sqlite:
                return Quoted('`', SqlTokenKind.QuotedIdentifier, backslashEscapes: false);
            case '[' when _dialect == SqlDialect.Sqlite:
                return Until(']', SqlTokenKind.QuotedIdentifier);
            case ';':
                Advance();
                return SqlTokenKind.Semicolon;
            case '$' when _dialect == SqlDialect.PostgreSql:
                return Dollar();
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '.' || Peek() == '_')
            {
                Advance();
            }

            return SqlTokenKind.Number;
        }

        if (IsWordStart(c))
        {
            while (IsWordPart(Peek()))
            {
                Advance();
            }

            return SqlTokenKind.Word;
        }

        if ((c is '?' or ':' or '@') && _dialect == SqlDialect.Sqlite && IsWordPart(Peek(1)))
        {
            Advance();
            while (IsWordPart(Peek()))
            {
                Advance();
            }

            return SqlTokenKind.Parameter;
        }

        Advance();
        return SqlTokenKind.Punctuation;
    }

    /// <summary>What PostgreSQL and SQLite treat as white space; other Unicode spaces (U+00A0...) are identifier characters to them.</summary>
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    private static bool IsWordStart(char c) => char.IsLetter(c) || c == '_' || c > 127;

    private static bool IsWordPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$' || c > 127;

    private SqlTokenKind BlockComment()
    {
        Advance();
        Advance();
        int depth = 1;
        while (_pos < _text.Length)
        {
            if (Peek() == '*' && Peek(1) == '/')
            {
                Advance();
                Advance();
                if (--depth == 0)
                {
                    return SqlTokenKind.BlockComment;
                }
            }
            else if (Peek() == '/' && Peek(1) == '*' && _dialect == SqlDialect.PostgreSql)
            {
                Advance();
                Advance();
                depth++;
            }
            else
            {
                Advance();
            }
        }

        return SqlTokenKind.Unterminated;
    }

    /// <summary>A quoted run where a doubled quote stands for one, optionally with backslash escapes (E'').</summary>
    private SqlTokenKind Quoted(char quote, SqlTokenKind kind, bool backslashEscapes)
    {
        Advance();
        while (_pos < _text.Length)
        {
            char c = Peek();
            if (backslashEscapes && c == '\\' && _pos + 1 < _text.Length)
            {
                Advance();
                Advance();
            }
            else if (c == quote)
            {
                Advance();
                if (Peek() != quote)
                {
                    return kind;
                }

                Advance();
            }
            else
            {
                Advance();
            }
        }

        return SqlTokenKind.Unterminated;
    }

    private SqlTokenKind Until(char close, SqlTokenKind kind)
    {
        Advance();
        while (_pos < _text.Length)
        {
            if (Peek() == close)
            {
                Advance();
                return kind;
            }

            Advance();
        }

        return SqlTokenKind.Unterminated;
    }

    /// <summary>$tag$ ... $tag$, or a positional parameter ($1) or a lone '$'.</summary>
    private SqlTokenKind Dollar()
    {
        int tagEnd = _pos + 1;
        while (tagEnd < _text.Length && _text[tagEnd] != '$' && IsWordPart(_text[tagEnd]))
        {
            tagEnd++;
        }

        bool tagIsValid = tagEnd < _text.Length && _text[tagEnd] == '$' && !char.IsAsciiDigit(Peek(1));
        if (!tagIsValid)
        {
            Advance();
            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }

            return SqlTokenKind.Parameter;
        }

        string tag = _text[_pos..(tagEnd + 1)];
        while (_pos <= tagEnd)
        {
            Advance();
        }

        int close = _text.IndexOf(tag, _pos, StringComparison.Ordinal);
        int stop = close < 0 ? _text.Length : close + tag.Length;
        while (_pos < stop)
        {
            Advance();
        }

        return close < 0 ? SqlTokenKind.Unterminated : SqlTokenKind.DollarString;
    }
}
