namespace Strata.Migrations.Postgres;

/// <summary>
/// One top-level statement of a body: <see cref="Start"/> is its first token (after comments and blanks),
/// <see cref="End"/> is just past its terminating semicolon (or its last token), <see cref="Line"/> the 1-based line
/// of <see cref="Start"/>. <see cref="DollarBodyStart"/> is where the first dollar-quoted text starts (-1 if none),
/// which is PL/pgSQL's line 1 when the statement is a DO block.
/// </summary>
internal readonly record struct SqlStatement(int Start, int End, int Line, string FirstWord, string SecondWord, int DollarBodyStart);

/// <summary>
/// Splits PostgreSQL SQL into top-level statements the way psql does, so that every statement can be sent (and
/// an error located) on its own. It knows what can hide a semicolon: standard and E'' strings, quoted identifiers,
/// dollar quotes, nested block comments, parentheses (CREATE RULE ... (a; b)) and, with psql's own heuristic, the
/// BEGIN ... END of a CREATE [OR REPLACE] FUNCTION/PROCEDURE ... BEGIN ATOMIC body. Input is plain SQL (no psql
/// meta-commands); standard_conforming_strings is assumed on, the default since PostgreSQL 9.1.
/// </summary>
internal static class PostgresStatementSplitter
{
    public static List<SqlStatement> Split(string sql)
    {
        var statements = new List<SqlStatement>();
        var state = new StatementState();
        int i = 0, line = 1, start = -1, startLine = 0, dollarBody = -1;
        string first = string.Empty, second = string.Empty;

        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            if (c == '\n')
            {
                line++;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c == '-' && next == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && next == '*')
            {
                i = SkipBlockComment(sql, i, ref line);
                continue;
            }

            if (start < 0)
            {
                if (c == ';')
                {
                    i++; // an empty statement
                    continue;
                }

                start = i;
                startLine = line;
            }

            if (c == ';' && state.ParenDepth == 0 && state.BeginDepth == 0)
            {
                statements.Add(new SqlStatement(start, i + 1, startLine, first, second, dollarBody));
                (start, dollarBody, first, second, state) = (-1, -1, string.Empty, string.Empty, new StatementState());
                i++;
                continue;
            }

            switch (c)
            {
                case '\'':
                    i = SkipQuoted(sql, i, '\'', backslashEscapes: false, ref line);
                    break;
                case '"':
                    i = SkipQuoted(sql, i, '"', backslashEscapes: false, ref line);
                    break;
                case '(':
                    state.ParenDepth++;
                    i++;
                    break;
                case ')':
                    state.ParenDepth = Math.Max(0, state.ParenDepth - 1);
                    i++;
                    break;
                case '$' when DollarTag(sql, i) is { } tag:
                    if (dollarBody < 0)
                    {
                        dollarBody = i + tag.Length;
                    }

                    i = SkipDollarQuoted(sql, i, tag, ref line);
                    break;
                default:
                    if (IsIdentifierStart(c))
                    {
                        var wordStart = i;
                        while (i < sql.Length && IsIdentifierPart(sql[i]))
                        {
                            i++;
                        }

                        var word = sql[wordStart..i];
                        if (word is "e" or "E" && i < sql.Length && sql[i] == '\'')
                        {
                            i = SkipQuoted(sql, i, '\'', backslashEscapes: true, ref line); // E'...': backslash escapes
                            break;
                        }

                        if (first.Length == 0)
                        {
                            first = word.ToUpperInvariant();
                        }
                        else if (second.Length == 0)
                        {
                            second = word.ToUpperInvariant();
                        }

                        state.Identifier(word);
                    }
                    else
                    {
                        i++; // operators, numbers, parameters ($1), anything else: no effect on statement boundaries
                    }

                    break;
            }
        }

        if (start >= 0)
        {
            var end = sql.Length;
            while (end > start && char.IsWhiteSpace(sql[end - 1]))
            {
                end--;
            }

            statements.Add(new SqlStatement(start, end, startLine, first, second, dollarBody));
        }

        return statements;
    }

    /// <summary>The character offset that is <paramref name="codePoints"/> Unicode code points after <paramref name="start"/> (PostgreSQL counts code points).</summary>
    public static int AdvanceCodePoints(string text, int start, int codePoints)
    {
        var i = start;
        for (var n = 0; n < codePoints && i < text.Length; n++)
        {
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        }

        return Math.Min(i, text.Length);
    }

    private static int SkipBlockComment(string sql, int i, ref int line)
    {
        var depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && i + 1 < sql.Length && sql[i + 1] == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                line += sql[i] == '\n' ? 1 : 0;
                i++;
            }
        }

        return i; // unterminated: the server reports it
    }

    private static int SkipQuoted(string sql, int i, char quote, bool backslashEscapes, ref int line)
    {
        i++;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (backslashEscapes && c == '\\' && i + 1 < sql.Length)
            {
                line += sql[i + 1] == '\n' ? 1 : 0;
                i += 2;
                continue;
            }

            if (c == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i += 2; // doubled quote
                    continue;
                }

                return i + 1;
            }

            line += c == '\n' ? 1 : 0;
            i++;
        }

        return i;
    }

    /// <summary>The tag ($$ or $name$) starting at <paramref name="i"/>, or null for $1 or a '$' inside an identifier.</summary>
    private static string? DollarTag(string sql, int i)
    {
        if (i > 0 && IsIdentifierPart(sql[i - 1]))
        {
            return null;
        }

        var j = i + 1;
        if (j < sql.Length && sql[j] == '$')
        {
            return "$$";
        }

        if (j >= sql.Length || !IsIdentifierStart(sql[j]))
        {
            return null;
        }

        while (j < sql.Length && IsIdentifierPart(sql[j]) && sql[j] != '$')
        {
            j++;
        }

        return j < sql.Length && sql[j] == '$' ? sql[i..(j + 1)] : null;
    }

    private static int SkipDollarQuoted(string sql, int i, string tag, ref int line)
    {
        var bodyStart = i + tag.Length;
        var close = sql.IndexOf(tag, bodyStart, StringComparison.Ordinal);
        var end = close < 0 ? sql.Length : close + tag.Length;
        line += sql.AsSpan(i, end - i).Count('\n');
        return end;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= '\u0080';

    private static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c) || c == '$';

    /// <summary>psql's heuristic (psqlscan.l) for semicolons inside BEGIN ATOMIC ... END of CREATE FUNCTION/PROCEDURE.</summary>
    private sealed class StatementState
    {
        private readonly char[] identifiers = new char[4];
        private int identifierCount;

        public int ParenDepth { get; set; }

        public int BeginDepth { get; private set; }

        public void Identifier(string word)
        {
            if (identifierCount < identifiers.Length && word.ToUpperInvariant() is "CREATE" or "FUNCTION" or "PROCEDURE" or "OR" or "REPLACE")
            {
                identifiers[identifierCount] = char.ToLowerInvariant(word[0]);
            }

            identifierCount++;
            var createsRoutine = identifiers[0] == 'c'
                && (identifiers[1] is 'f' or 'p' || (identifiers[1] == 'o' && identifiers[2] == 'r' && identifiers[3] is 'f' or 'p'));
            if (!createsRoutine || ParenDepth != 0)
            {
                return;
            }

            if (word.Equals("begin", StringComparison.OrdinalIgnoreCase))
            {
                BeginDepth++;
            }
            else if (word.Equals("case", StringComparison.OrdinalIgnoreCase))
            {
                BeginDepth += BeginDepth >= 1 ? 1 : 0;
            }
            else if (word.Equals("end", StringComparison.OrdinalIgnoreCase) && BeginDepth > 0)
            {
                BeginDepth--;
            }
        }
    }
}
