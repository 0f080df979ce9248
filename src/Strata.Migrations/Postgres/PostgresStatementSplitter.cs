using Strata.Migrations.Sql;

namespace Strata.Migrations.Postgres;

/// <summary>
/// One top-level statement of a body, as the runtime sends it: <see cref="Start"/> is its first token (after comments
/// and blanks), <see cref="End"/> is just past its terminating semicolon (or its last token), <see cref="Line"/> the
/// 1-based line of <see cref="Start"/>, the first two words upper-cased. <see cref="DollarBodyStart"/> is where the
/// first dollar-quoted text starts, just after its opening tag (-1 if none): PL/pgSQL's line 1 when the statement is
/// a DO block.
/// </summary>
internal readonly record struct PostgresStatement(int Start, int End, int Line, string FirstWord, string SecondWord, int DollarBodyStart);

/// <summary>
/// Splits a migration body into the statements the runtime sends one by one, so that an error is located in its own
/// statement. The splitting itself is Strata's SQL lexer and splitter (<see cref="SqlStatementSplitter"/>, the one the
/// build lints with, tested against PostgreSQL's own parser); this only shapes its output for sending.
/// </summary>
internal static class PostgresStatementSplitter
{
    public static List<PostgresStatement> Split(string sql)
    {
        var tokens = SqlLexer.Tokenize(sql, SqlDialect.PostgreSql).ToList();
        var result = new List<PostgresStatement>();
        var next = 0; // tokens are in order, and so are statements: one pass finds each terminating semicolon
        foreach (var statement in SqlStatementSplitter.Split(sql, tokens, SqlDialect.PostgreSql))
        {
            var end = statement.Start + statement.Length;
            while (next < tokens.Count && tokens[next].Start < end)
            {
                next++;
            }

            if (statement.Terminated)
            {
                while (next < tokens.Count && tokens[next].Kind != SqlTokenKind.Semicolon)
                {
                    next++;
                }

                end = next < tokens.Count ? tokens[next].End : end;
            }

            var words = statement.Words;
            var dollar = statement.Tokens.FirstOrDefault(t => t.Kind == SqlTokenKind.DollarString);
            result.Add(new PostgresStatement(
                statement.Start,
                end,
                statement.Line,
                Keyword(sql, words, 0),
                Keyword(sql, words, 1),
                dollar.Length > 0 ? sql.IndexOf('$', dollar.Start + 1) + 1 : -1));
        }

        return result;
    }

    /// <summary>PostgreSQL positions count code points; a string's index counts UTF-16 units.</summary>
    public static int AdvanceCodePoints(string text, int start, int codePoints)
    {
        var i = start;
        for (var n = 0; n < codePoints && i < text.Length; n++)
        {
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        }

        return Math.Min(i, text.Length);
    }

    private static string Keyword(string sql, IReadOnlyList<SqlToken> words, int index) =>
        index < words.Count && words[index].Kind == SqlTokenKind.Word ? words[index].Text(sql).ToString().ToUpperInvariant() : string.Empty;
}
