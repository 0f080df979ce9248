namespace Strata.Migrations.Sql;

public enum SqlTokenKind
{
    Whitespace,
    LineComment,
    BlockComment,
    StringLiteral,
    QuotedIdentifier,
    DollarString,
    Word,
    Number,
    Parameter,
    Semicolon,
    Punctuation,

    /// <summary>A string, identifier, comment or dollar quote that reaches the end of input.</summary>
    Unterminated,
}
