using Strata.Migrations.Postgres;

namespace Strata.Migrations.Tests.Postgres;

/// <summary>Pure tests of the statement splitter (no server): where statements start and end, and their lines.</summary>
public class PostgresStatementSplitterTests
{
    private static List<string> Texts(string sql) => PostgresStatementSplitter.Split(sql).Select(s => sql[s.Start..s.End]).ToList();

    [Theory]
    [InlineData("SELECT 1; SELECT 2;", new[] { "SELECT 1;", "SELECT 2;" })]
    [InlineData("SELECT 1;\nSELECT 2", new[] { "SELECT 1;", "SELECT 2" })]
    [InlineData("-- only a comment\n/* and /* a nested */ one */\n", new string[0])]
    [InlineData(";;SELECT 1;;", new[] { "SELECT 1;" })]
    [InlineData("SELECT 'a;b', \"c;d\", $$e;f$$, $tag$ $$ ; $tag$; SELECT 2;", new[] { "SELECT 'a;b', \"c;d\", $$e;f$$, $tag$ $$ ; $tag$;", "SELECT 2;" })]
    [InlineData("SELECT 'it''s;'; SELECT E'\\';'; SELECT 'back\\'; SELECT 3;", new[] { "SELECT 'it''s;';", "SELECT E'\\';';", "SELECT 'back\\';", "SELECT 3;" })]
    [InlineData("SELECT $1, a$b FROM t$x; SELECT 2;", new[] { "SELECT $1, a$b FROM t$x;", "SELECT 2;" })]
    [InlineData("CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2); SELECT 3;", new[] { "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2);", "SELECT 3;" })]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END; SELECT 3;", new[] { "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT CASE WHEN true THEN 2 END; END;", "SELECT 3;" })]
    [InlineData("create or replace procedure p() begin atomic insert into t values (1); end; select 1;", new[] { "create or replace procedure p() begin atomic insert into t values (1); end;", "select 1;" })]
    [InlineData("DO $$ BEGIN PERFORM 1; END $$; CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();", new[] { "DO $$ BEGIN PERFORM 1; END $$;", "CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();" })]
    [InlineData("SELECT 1 -- a ; in a comment\n; SELECT /* ; */ 2;", new[] { "SELECT 1 -- a ; in a comment\n;", "SELECT /* ; */ 2;" })]
    public void Splits_where_psql_would(string sql, string[] expected) => Texts(sql).ShouldBe(expected);

    [Fact]
    public void Reports_each_statement_s_line_first_words_and_dollar_body()
    {
        const string Sql = "-- header\n\nCREATE TABLE a (\n  id int\n);\n/* x\n*/ DO $body$\nBEGIN\nEND $body$;\nROLLBACK TO SAVEPOINT s;";

        var statements = PostgresStatementSplitter.Split(Sql);

        statements.Select(s => (s.Line, s.FirstWord, s.SecondWord)).ShouldBe([(3, "CREATE", "TABLE"), (7, "DO", ""), (10, "ROLLBACK", "TO")]);
        Sql[statements[1].DollarBodyStart..].ShouldStartWith("\nBEGIN");
        statements[0].DollarBodyStart.ShouldBe(-1);
    }

    [Fact]
    public void Code_points_are_counted_the_way_the_server_counts_positions()
    {
        const string Text = "'😀😀' x";

        PostgresStatementSplitter.AdvanceCodePoints(Text, 0, 4).ShouldBe(6);
        Text[PostgresStatementSplitter.AdvanceCodePoints(Text, 0, 5)].ShouldBe('x');
    }
}
