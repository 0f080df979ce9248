using Strata.Migrations.Sql;
using Strata.Core.Sql.Lint;

namespace Strata.Core.Tests.Sql.Lint;

public class HistoryAwarenessTests
{
    private const string CreateOrders = "CREATE TABLE orders (id bigint PRIMARY KEY, code text);";

    [Theory]
    [InlineData("CREATE INDEX idx ON orders (code);", "STRATA2101")]
    [InlineData("ALTER TABLE orders ADD COLUMN status text NOT NULL;", "STRATA2103")]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (id) REFERENCES customers (id);", "STRATA2105")]
    [InlineData("ALTER TABLE orders ALTER COLUMN code TYPE varchar;", "STRATA2107")]
    [InlineData("ALTER TABLE orders RENAME COLUMN code TO sku;", "STRATA2108")]
    [InlineData("ALTER TABLE orders DROP COLUMN code;", "STRATA2110")]
    [InlineData("DROP TABLE orders;", "STRATA2111")]
    [InlineData("ALTER TABLE orders ADD CONSTRAINT u UNIQUE (code);", "STRATA2122")]
    public void Flagged_on_a_table_of_a_locked_migration_but_not_on_one_created_by_an_unlocked_migration(string sql, string id)
    {
        var onLocked = LintHarness.LintChain(SqlDialect.PostgreSql, lockedThrough: 1, CreateOrders, sql);
        onLocked.Single(d => d.Id == id).Location.File.ShouldBe("db/main/migrations/0002_m0002.sql");

        LintHarness.LintChain(SqlDialect.PostgreSql, lockedThrough: 0, CreateOrders, sql).ShouldNotContain(d => d.Id == id);
    }

    [Fact]
    public void A_table_created_earlier_in_the_same_migration_is_new()
    {
        LintHarness.Lint(CreateOrders + "\nCREATE INDEX idx ON orders (code);\nALTER TABLE orders ADD COLUMN s text NOT NULL;").ShouldBeEmpty();
    }

    [Fact]
    public void Locked_migrations_are_scanned_but_not_linted()
    {
        LintHarness.LintChain(SqlDialect.PostgreSql, lockedThrough: 1, "DROP DATABASE x; CREATE INDEX i ON t (a);", "SELECT 1;").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("CREATE TABLE \"Orders\" (id bigint);", "CREATE INDEX i ON orders (id);", true)]
    [InlineData("CREATE TABLE Orders (id bigint);", "CREATE INDEX i ON \"orders\" (id);", false)]
    [InlineData("CREATE TABLE ORDERS (id bigint);", "CREATE INDEX i ON public.Orders (id);", false)]
    [InlineData("CREATE TABLE app.orders (id bigint);", "CREATE INDEX i ON orders (id);", true)]
    [InlineData("CREATE TABLE app.orders (id bigint);", "CREATE INDEX i ON App.\"orders\" (id);", false)]
    [InlineData("CREATE TABLE IF NOT EXISTS orders (id bigint);", "CREATE INDEX i ON ONLY orders (id);", false)]
    public void Names_compare_like_postgres(string create, string index, bool flagged)
    {
        var found = LintHarness.LintChain(SqlDialect.PostgreSql, lockedThrough: 0, create, index);
        found.Any(d => d.Id == "STRATA2101").ShouldBe(flagged, LintHarness.Show(found));
    }

    [Fact]
    public void Indexes_and_renames_follow_their_table()
    {
        LintHarness.LintChain(SqlDialect.PostgreSql, 0, CreateOrders + " CREATE INDEX CONCURRENTLY idx ON orders (code);", "DROP INDEX idx;")
            .ShouldNotContain(d => d.Id == "STRATA2102");
        LintHarness.LintChain(SqlDialect.PostgreSql, 0, CreateOrders, "ALTER TABLE orders RENAME TO purchases;", "CREATE INDEX i ON purchases (code);")
            .ShouldBeEmpty();
        LintHarness.LintChain(SqlDialect.PostgreSql, 1, CreateOrders, "ALTER TABLE orders RENAME TO purchases;", "CREATE INDEX i ON purchases (code);")
            .Select(d => d.Id).ShouldBe(["STRATA2109", "STRATA2101"]);
    }

    [Fact]
    public void Sqlite_drop_column_is_history_aware()
    {
        LintHarness.LintChain(SqlDialect.Sqlite, 0, "CREATE TABLE t (a text, b text);", "ALTER TABLE t DROP COLUMN b;").ShouldBeEmpty();
        LintHarness.LintChain(SqlDialect.Sqlite, 1, "CREATE TABLE t (a text, b text);", "ALTER TABLE t DROP COLUMN b;").Single().Id.ShouldBe("STRATA2202");
    }
}

public class SuppressionTests
{
    [Theory]
    [InlineData("-- strata-ignore STRATA2101: orders is tiny\nCREATE INDEX idx ON orders (a);")]
    [InlineData("CREATE INDEX idx ON orders (a); -- strata-ignore STRATA2101: orders is tiny")]
    [InlineData("-- strata-ignore STRATA2101: orders is tiny\n-- and more words\nCREATE INDEX idx\n  ON orders (a);")]
    [InlineData("CREATE INDEX idx -- strata-ignore STRATA2101, STRATA2123: tiny\n  ON orders (a);")]
    public void A_suppression_before_or_on_the_statement_silences_its_code(string sql)
    {
        var found = LintHarness.Lint(sql);
        found.Where(d => d.Id != "STRATA2190").ShouldBeEmpty(LintHarness.Show(found));
    }

    [Fact]
    public void A_suppression_silences_only_its_statement_and_code()
    {
        var found = LintHarness.Lint("-- strata-ignore STRATA2101: tiny\nCREATE INDEX a ON orders (a);\nCREATE INDEX b ON orders (b);\nALTER TABLE orders DROP COLUMN c; -- strata-ignore STRATA2101: wrong code");
        found.Select(d => (d.Id, d.Location.Line, d.Location.Column)).ShouldBe([("STRATA2101", 3, 1), ("STRATA2110", 4, 20), ("STRATA2190", 4, 35)]);
    }

    [Fact]
    public void An_unused_suppression_is_a_warning_at_the_comment()
    {
        var found = LintHarness.Lint("SELECT 1;\n\n  -- strata-ignore STRATA2110: nothing to drop\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);", inTransaction: false);
        var unused = found.Single();
        (unused.Id, unused.Location.Line, unused.Location.Column, unused.Severity).ShouldBe(("STRATA2190", 3, 3, Strata.Core.Diagnostics.DiagnosticSeverity.Warning));
        unused.Message.ShouldContain("STRATA2110");
    }

    [Fact]
    public void A_blank_line_detaches_a_suppression_from_the_statement()
    {
        LintHarness.Lint("-- strata-ignore STRATA2101: tiny\n\nCREATE INDEX idx ON orders (a);").Select(d => d.Id).ShouldBe(["STRATA2190", "STRATA2101"]);
    }

    [Theory]
    [InlineData("-- strata-ignore: no code given", "no code")]
    [InlineData("-- strata-ignore STRATA9999: not a lint code", "'STRATA9999' is not a lint code")]
    [InlineData("-- strata-ignore STRATA21O1: letter O", "'STRATA21O1' is not a lint code")]
    [InlineData("-- strata-ignore STRATA2101", "no reason")]
    [InlineData("-- strata-ignore STRATA2101:   ", "no reason")]
    public void A_malformed_suppression_is_reported_and_ignored(string comment, string problem)
    {
        var found = LintHarness.Lint(comment + "\nCREATE INDEX idx ON orders (a);");
        var malformed = found.Single(d => d.Id == "STRATA2191");
        (malformed.Location.Line, malformed.Location.Column).ShouldBe((1, 1));
        malformed.Message.ShouldContain(problem);
        found.ShouldContain(d => d.Id == "STRATA2101");
    }

    [Fact]
    public void The_reserved_strata_colon_prefix_is_not_a_suppression()
    {
        LintHarness.Lint("-- strata-ignored STRATA2101: x\nCREATE INDEX idx ON orders (a);").Select(d => d.Id).ShouldBe(["STRATA2101"]);
    }
}

public class LintOptionsTests
{
    [Fact]
    public void Parses_codes_and_severities()
    {
        var options = LintOptions.Parse(" STRATA2105=error; strata2110 = None ,STRATA2101=Info;;", "app.csproj", out var problems);
        problems.ShouldBeEmpty();
        options.Severities.ShouldBe(new Dictionary<string, LintSeverity> { ["STRATA2105"] = LintSeverity.Error, ["STRATA2110"] = LintSeverity.None, ["STRATA2101"] = LintSeverity.Info }, ignoreOrder: true);
    }

    [Theory]
    [InlineData("STRATA2105", "expected CODE=severity")]
    [InlineData("STRATA2105=fatal", "'fatal' is not one of")]
    [InlineData("STRATA2105=3", "'3' is not one of")]
    [InlineData("STRATA1001=error", "'STRATA1001' is not a lint code")]
    [InlineData("=error", "expected CODE=severity")]
    [InlineData("STRATA2105=error=warning", "expected CODE=severity")]
    public void A_bad_entry_is_STRATA2192_and_the_good_ones_still_apply(string entry, string problem)
    {
        var options = LintOptions.Parse($"STRATA2101=error;{entry}", "app.csproj", out var problems);
        var d = problems.Single();
        (d.Id, d.Location.File, d.IsError).ShouldBe(("STRATA2192", "app.csproj", true));
        d.Message.ShouldContain(problem);
        options.Severities["STRATA2101"].ShouldBe(LintSeverity.Error);
    }

    [Fact]
    public void Empty_or_missing_settings_are_the_defaults()
    {
        LintOptions.Parse(null, "p", out var a).Severities.ShouldBeEmpty();
        LintOptions.Parse("  ", "p", out var b).Severities.ShouldBeEmpty();
        a.ShouldBeEmpty();
        b.ShouldBeEmpty();
    }

    [Fact]
    public void Overrides_change_severity_or_turn_a_rule_off()
    {
        var sql = "CREATE INDEX idx ON orders (a);\nALTER TABLE orders DROP COLUMN c;\n-- strata-ignore STRATA2129: unused\nSELECT 1;";
        var options = LintOptions.Parse("STRATA2101=error;STRATA2110=none;STRATA2190=info", "p", out _);
        LintHarness.Lint(sql, options: options).Select(d => (d.Id, d.Severity)).ShouldBe(
            [("STRATA2101", Strata.Core.Diagnostics.DiagnosticSeverity.Error), ("STRATA2190", Strata.Core.Diagnostics.DiagnosticSeverity.Info)]);
    }
}
