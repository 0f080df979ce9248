using Strata.Migrations.Sql;

namespace Strata.Core.Tests.Sql;

public class SqlLexerTests
{
    private static List<(SqlTokenKind Kind, string Text)> Lex(string sql, SqlDialect dialect = SqlDialect.PostgreSql) =>
        SqlLexer.Tokenize(sql, dialect).Where(t => t.Kind != SqlTokenKind.Whitespace).Select(t => (t.Kind, t.Text(sql).ToString())).ToList();

    [Theory]
    [InlineData("'it''s'", SqlTokenKind.StringLiteral)]
    [InlineData("E'a\\'b'", SqlTokenKind.StringLiteral)]
    [InlineData("\"my \"\"table\"\"\"", SqlTokenKind.QuotedIdentifier)]
    [InlineData("$$ body; with 'quotes' $$", SqlTokenKind.DollarString)]
    [InlineData("$fn$ select $$x$$; $fn$", SqlTokenKind.DollarString)]
    [InlineData("/* outer /* inner */ still comment */", SqlTokenKind.BlockComment)]
    [InlineData("-- comment ; with semicolon", SqlTokenKind.LineComment)]
    public void Postgres_tokens_are_one_token_each(string sql, SqlTokenKind kind) =>
        Lex(sql).ShouldBe([(kind, sql)]);

    [Theory]
    [InlineData("`a b`", SqlTokenKind.QuotedIdentifier)]
    [InlineData("[a b]", SqlTokenKind.QuotedIdentifier)]
    [InlineData("'x\\'", SqlTokenKind.StringLiteral)]
    public void Sqlite_tokens_are_one_token_each(string sql, SqlTokenKind kind) =>
        Lex(sql, SqlDialect.Sqlite).ShouldBe([(kind, sql)]);

    [Fact]
    public void Sqlite_block_comments_do_not_nest()
    {
        Lex("/* a /* b */ x", SqlDialect.Sqlite).Select(t => t.Kind).ShouldBe([SqlTokenKind.BlockComment, SqlTokenKind.Word]);
    }

    [Theory]
    [InlineData("select 'abc", 1, 8)]
    [InlineData("select\n  \"abc", 2, 3)]
    [InlineData("select 1;\n/* never closed", 2, 1)]
    [InlineData("create function f() as $body$ begin", 1, 24)]
    [InlineData("select E'ends with backslash\\'", 1, 8)]
    public void Unterminated_tokens_are_reported_where_they_start(string sql, int line, int column)
    {
        var token = SqlLexer.Tokenize(sql, SqlDialect.PostgreSql).Single(t => t.Kind == SqlTokenKind.Unterminated);
        (token.Line, token.Column).ShouldBe((line, column));
    }

    [Fact]
    public void Positional_parameters_and_identifiers_with_dollars_are_not_dollar_quotes()
    {
        Lex("select $1, a$b from t").Select(t => t.Kind).ShouldBe(
            [SqlTokenKind.Word, SqlTokenKind.Parameter, SqlTokenKind.Punctuation, SqlTokenKind.Word, SqlTokenKind.Word, SqlTokenKind.Word]);
    }

    [Fact]
    public void Tokens_cover_the_input_exactly_and_track_lines()
    {
        var sql = "create table t (\r\n  id int -- x\n);\n";
        var tokens = SqlLexer.Tokenize(sql, SqlDialect.PostgreSql).ToList();
        string.Concat(tokens.Select(t => t.Text(sql).ToString())).ShouldBe(sql);
        tokens.Single(t => t.Kind == SqlTokenKind.LineComment).Line.ShouldBe(2);
        tokens.Single(t => t.Kind == SqlTokenKind.Semicolon).Line.ShouldBe(3);
    }

    [Fact]
    public void Hostile_input_is_lexed_in_linear_time()
    {
        var sql = string.Concat(Enumerable.Repeat("$a$ $b ", 20_000)) + new string('\'', 100_001);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        SqlLexer.Tokenize(sql, SqlDialect.PostgreSql).Count().ShouldBeGreaterThan(0);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
