namespace Strata.Migrations.Sql;

/// <summary>The lexical differences the lexer cares about.</summary>
public enum SqlDialect
{
    /// <summary>Nested block comments, dollar quotes, E'' escape strings.</summary>
    PostgreSql,

    /// <summary>Backtick and [bracket] identifiers; block comments do not nest.</summary>
    Sqlite,
}
