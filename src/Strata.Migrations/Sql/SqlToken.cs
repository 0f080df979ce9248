namespace Strata.Migrations.Sql;

/// <summary>A token as a span of the source text; Line and Column (1-based) are where it starts.</summary>
public readonly record struct SqlToken(SqlTokenKind Kind, int Start, int Length, int Line, int Column)
{
    public int End => Start + Length;

    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.LineComment or SqlTokenKind.BlockComment;

    public ReadOnlySpan<char> Text(string source) => source.AsSpan(Start, Length);
}
