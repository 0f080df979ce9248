using Strata.Migrations.Sql;

namespace Strata.Core.Sql.Lint;

/// <summary>
/// A possibly schema-qualified object name, normalized the way the database compares names: unquoted parts folded to
/// lower case, quoted parts kept exactly (SQLite folds both). An unqualified name is taken to be in the default schema
/// (<c>public</c>, or <c>main</c> for SQLite), since migrations run with the default search_path.
/// </summary>
public readonly record struct SqlName(string Schema, string Name)
{
    public string Key => Schema + "." + Name;

    public override string ToString() => Schema is "public" or "main" ? Name : Key;

    /// <summary>One identifier token as the database sees it, or null when the token is not an identifier.</summary>
    public static string? Identifier(string source, SqlToken token, SqlDialect dialect)
    {
        var text = token.Text(source);
        switch (token.Kind)
        {
            case SqlTokenKind.Word:
                return text.ToString().ToLowerInvariant();
            case SqlTokenKind.QuotedIdentifier when text.Length >= 2:
                var inner = text[1..^1].ToString();
                if (dialect == SqlDialect.Sqlite)
                {
                    return inner.ToLowerInvariant();
                }

                return text[0] == '"' ? inner.Replace("\"\"", "\"", StringComparison.Ordinal) : inner;
            default:
                return null;
        }
    }
}
