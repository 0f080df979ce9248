namespace Strata.Migrations.Sql;

/// <summary>
/// One top-level statement: the span from its first significant token up to (not including) its terminating
/// semicolon. <see cref="Tokens"/> are the statement's tokens in that span (comments and whitespace between words
/// included); <see cref="Words"/> only the significant ones.
/// </summary>
/// <param name="Source">The whole text the statement was split from; token offsets are relative to it.</param>
/// <param name="Start">Offset of the first significant token.</param>
/// <param name="Length">Up to the end of the last significant token before the semicolon.</param>
/// <param name="Line">1-based line of the first token.</param>
/// <param name="Column">1-based column of the first token.</param>
/// <param name="EndLine">1-based line of the terminating semicolon, or of the last token when there is none.</param>
/// <param name="Terminated">True when a semicolon ends it; a trailing statement without one still counts.</param>
/// <param name="Tokens">The tokens of the span, trivia between words included.</param>
public sealed record SqlStatement(
    string Source,
    int Start,
    int Length,
    int Line,
    int Column,
    int EndLine,
    bool Terminated,
    IReadOnlyList<SqlToken> Tokens)
{
    private IReadOnlyList<SqlToken>? _words;

    public string Text => Source.Substring(Start, Length);

    /// <summary>The significant tokens: no whitespace, no comments.</summary>
    public IReadOnlyList<SqlToken> Words => _words ??= Significant(Tokens);

    /// <summary>True when the statement's first significant tokens are these keywords (case-insensitive words).</summary>
    public bool StartsWith(params string[] keywords)
    {
        if (keywords.Length > Words.Count)
        {
            return false;
        }

        for (int i = 0; i < keywords.Length; i++)
        {
            if (!IsKeyword(Words[i], keywords[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first <paramref name="count"/> words in upper case (non-words become their text), for display and dispatch.</summary>
    public string LeadingKeywords(int count) =>
        string.Join(' ', Words.Take(count).Select(t => t.Text(Source).ToString().ToUpperInvariant()));

    private static SqlTokenList Significant(IReadOnlyList<SqlToken> tokens)
    {
        int count = 0;
        for (int i = 0; i < tokens.Count; i++)
        {
            count += tokens[i].IsTrivia ? 0 : 1;
        }

        var words = new SqlTokenList(count);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsTrivia)
            {
                words.Add(tokens[i]);
            }
        }

        return words;
    }

    public bool IsKeyword(SqlToken token, string keyword) =>
        token.Kind == SqlTokenKind.Word && token.Text(Source).Equals(keyword, StringComparison.OrdinalIgnoreCase);
}
