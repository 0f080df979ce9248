using Strata.Migrations.Sql;

namespace Strata.Core.Tests.Sql.Lint;

public class SqlStatementSplitterTests
{
    private static List<string> Split(string sql, SqlDialect dialect = SqlDialect.PostgreSql) =>
        SqlStatementSplitter.Split(sql, dialect).Select(s => s.Text).ToList();

    [Fact]
    public void Splits_at_top_level_semicolons_and_keeps_a_trailing_statement()
    {
        Split("select 1; select ';' -- ;\n, $$;$$ /* ; */ ;\nselect 3").ShouldBe(["select 1", "select ';' -- ;\n, $$;$$", "select 3"]);
    }

    [Fact]
    public void Drops_empty_statements()
    {
        Split(";; -- only\n ; /* c */ ;").ShouldBeEmpty();
        Split("").ShouldBeEmpty();
    }

    [Fact]
    public void Reports_where_each_statement_starts_and_ends()
    {
        var statements = SqlStatementSplitter.Split("-- x\r\n  create table t (\r\n a int\r\n);\nselect 1", SqlDialect.PostgreSql);
        statements.Select(s => (s.Line, s.Column, s.EndLine, s.Terminated)).ShouldBe([(2, 3, 4, true), (5, 1, 5, false)]);
        statements[0].StartsWith("CREATE", "table").ShouldBeTrue();
        statements[0].LeadingKeywords(2).ShouldBe("CREATE TABLE");
        statements[0].Words.Count.ShouldBe(7);
        statements[0].Tokens.ShouldContain(t => t.Kind == SqlTokenKind.Whitespace);
    }

    [Fact]
    public void Keeps_sql_standard_function_bodies_with_case_together()
    {
        var sql = """
            CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql
            BEGIN ATOMIC
              SELECT CASE WHEN a > 0 THEN CASE WHEN a > 9 THEN 2 ELSE 1 END ELSE 0 END;
              SELECT 1;
            END;
            BEGIN;
            END;
            """;
        var parts = Split(sql);
        parts.Count.ShouldBe(3);
        parts[0].ShouldEndWith("END");
        parts[1].ShouldBe("BEGIN");
        parts[2].ShouldBe("END");
    }

    [Fact]
    public void Keeps_create_rule_action_lists_together()
    {
        Split("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO u VALUES (1); DELETE FROM u); SELECT 1")
            .Count.ShouldBe(2);
    }

    [Fact]
    public void Keeps_sqlite_trigger_bodies_together()
    {
        var sql = """
            CREATE TEMP TRIGGER trg AFTER INSERT ON t BEGIN
              UPDATE t SET a = CASE WHEN new.a IS NULL THEN 0 ELSE new.a END WHERE id = new.id;
              INSERT INTO log VALUES ('x;y');
            END;
            BEGIN TRANSACTION;
            CREATE TABLE "begin" ([end] text);
            """;
        Split(sql, SqlDialect.Sqlite).Select(s => s.Split(' ')[0]).ShouldBe(["CREATE", "BEGIN", "CREATE"]);
    }

    [Fact]
    public void Unterminated_input_still_yields_its_statement()
    {
        Split("select 1; select 'never closed; select 2").ShouldBe(["select 1", "select 'never closed; select 2"]);
        Split("CREATE TRIGGER t AFTER INSERT ON x BEGIN SELECT 1;", SqlDialect.Sqlite).Count.ShouldBe(1);
    }

    [Fact]
    public void Splitting_is_linear_on_hostile_input()
    {
        var sql = string.Concat(Enumerable.Repeat("BEGIN ATOMIC CASE ", 50_000)) + string.Concat(Enumerable.Repeat(";", 100_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        SqlStatementSplitter.Split(sql, SqlDialect.PostgreSql).Count.ShouldBe(1);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }
}
