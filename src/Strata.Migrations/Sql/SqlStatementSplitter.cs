namespace Strata.Migrations.Sql;

/// <summary>
/// Splits SQL into top-level statements at semicolons, in one linear pass over the lexer's tokens. Semicolons in
/// strings, quoted identifiers, comments and dollar quotes are inside single tokens already; the splitter also keeps
/// together the bodies that contain semicolons of their own:
/// <list type="bullet">
/// <item>PostgreSQL: SQL-standard function bodies <c>BEGIN ATOMIC ... END</c> (PostgreSQL 14+), with CASE ... END
/// nested in them, and the parenthesized action list of <c>CREATE RULE ... DO (a; b)</c>;</item>
/// <item>SQLite: <c>CREATE TRIGGER ... BEGIN ... END</c> bodies, with CASE ... END nested in them.</item>
/// </list>
/// Statements holding only whitespace and comments (e.g. <c>;;</c>) are dropped; a last statement without a
/// semicolon counts. Never throws.
/// </summary>
public static class SqlStatementSplitter
{
    public static IReadOnlyList<SqlStatement> Split(string text, SqlDialect dialect) =>
        Split(text, SqlTokenList.Lex(text, dialect), dialect);

    /// <summary>Splits already-lexed text (the tokens of <paramref name="text"/>, in order).</summary>
    public static IReadOnlyList<SqlStatement> Split(string text, IReadOnlyList<SqlToken> tokens, SqlDialect dialect) =>
        Split(text, tokens, dialect, shareTokens: false);

    /// <summary>
    /// The same; with <paramref name="shareTokens"/> and a <see cref="SqlTokenList"/> that stays unchanged for as long
    /// as the statements are used, their <see cref="SqlStatement.Tokens"/> are views of it rather than copies.
    /// </summary>
    internal static IReadOnlyList<SqlStatement> Split(string text, IReadOnlyList<SqlToken> tokens, SqlDialect dialect, bool shareTokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        var shared = shareTokens ? tokens as SqlTokenList : null;
        var statements = new List<SqlStatement>();
        int first = -1;             // index of the statement's first significant token
        int last = -1;              // index of its last significant token
        int significant = 0;        // significant tokens seen in this statement
        int blockDepth = 0;         // BEGIN ATOMIC / trigger BEGIN and CASE nesting
        int parenDepth = 0;         // only tracked in CREATE RULE
        bool isTrigger = false, isRule = false, pendingBegin = false;
        var lead = new string[4];

        for (int i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsTrivia)
            {
                continue;
            }

            if (token.Kind == SqlTokenKind.Semicolon && blockDepth == 0 && parenDepth == 0)
            {
                if (first >= 0)
                {
                    statements.Add(Make(text, tokens, shared, first, last, token.Line, terminated: true));
                }

                first = last = -1;
                significant = 0;
                isTrigger = isRule = pendingBegin = false;
                continue;
            }

            if (first < 0)
            {
                first = i;
            }

            last = i;
            if (significant < lead.Length)
            {
                lead[significant] = token.Kind == SqlTokenKind.Word ? token.Text(text).ToString().ToUpperInvariant() : "";
                if (significant == 3 || (significant >= 1 && lead[0] != "CREATE"))
                {
                    // CREATE [OR REPLACE] RULE, CREATE [TEMP|TEMPORARY] TRIGGER
                    isRule = dialect == SqlDialect.PostgreSql && lead[0] == "CREATE" && (lead[1] == "RULE" || (lead[1] == "OR" && lead[3] == "RULE"));
                    isTrigger = dialect == SqlDialect.Sqlite && lead[0] == "CREATE" && (lead[1] == "TRIGGER" || (lead[1] is "TEMP" or "TEMPORARY" && lead[2] == "TRIGGER"));
                }
            }

            significant++;
            if (token.Kind == SqlTokenKind.Punctuation && isRule)
            {
                char c = text[token.Start];
                parenDepth += c == '(' ? 1 : c == ')' && parenDepth > 0 ? -1 : 0;
                continue;
            }

            if (token.Kind != SqlTokenKind.Word)
            {
                pendingBegin = false;
                continue;
            }

            var word = token.Text(text);
            if (pendingBegin)
            {
                pendingBegin = false;
                if (word.Equals("ATOMIC", StringComparison.OrdinalIgnoreCase))
                {
                    blockDepth++;
                    continue;
                }
            }

            if (word.Equals("BEGIN", StringComparison.OrdinalIgnoreCase))
            {
                if (dialect == SqlDialect.PostgreSql)
                {
                    pendingBegin = true;
                }
                else if (isTrigger)
                {
                    blockDepth++;
                }
            }
            else if (blockDepth > 0 && word.Equals("CASE", StringComparison.OrdinalIgnoreCase))
            {
                blockDepth++;
            }
            else if (blockDepth > 0 && word.Equals("END", StringComparison.OrdinalIgnoreCase))
            {
                blockDepth--;
            }
        }

        // SQLite's `BEGIN` in a trigger with no matching END, or an unbalanced rule, still yields its statement.
        if (first >= 0)
        {
            statements.Add(Make(text, tokens, shared, first, last, tokens[last].Line, terminated: false));
        }

        return statements;
    }

    private static SqlStatement Make(string text, IReadOnlyList<SqlToken> tokens, SqlTokenList? shared, int first, int last, int endLine, bool terminated)
    {
        IReadOnlyList<SqlToken> span;
        if (shared is not null)
        {
            span = new SqlTokenList.Slice(shared, first, last - first + 1);
        }
        else
        {
            var copy = new SqlTokenList(last - first + 1);
            for (int i = first; i <= last; i++)
            {
                copy.Add(tokens[i]);
            }

            span = copy;
        }

        var head = tokens[first];
        var tail = tokens[last];
        return new SqlStatement(text, head.Start, tail.End - head.Start, head.Line, head.Column,
            terminated ? endLine : LastLine(text, tail), terminated, span);
    }

    private static int LastLine(string text, SqlToken token)
    {
        int line = token.Line;
        for (int i = token.Start; i < token.End - 1; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }
}
