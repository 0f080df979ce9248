using Strata.Migrations.Sql;
using Xunit.Abstractions;
using Strata.Tests.Shared;

namespace Strata.Core.Tests.Sql.Oracle;

/// <summary>
/// Differential tests of <see cref="SqlLexer"/> and <see cref="SqlStatementSplitter"/> against libpg_query, the
/// PostgreSQL 15 parser, on a seeded random corpus. Outside CI a missing library only writes a note; with CI=true it
/// fails the test (eng/install-test-deps.sh installs it).
/// </summary>
public class PgQueryOracleTests(ITestOutputHelper output)
{
    public const int Scripts = 1_500;

    private bool LibraryAvailable()
    {
        if (PgQuery.MissingReason is not { } reason)
        {
            return true;
        }

        if (RequiredTool.UnderCi)
        {
            Assert.Fail(reason + " (CI=true: the oracle tests must run)");
        }

        output.WriteLine("NOT RUN: " + reason);
        return false;
    }

    [Fact]
    public void The_oracle_itself_splits_and_scans()
    {
        if (!LibraryAvailable())
        {
            return;
        }

        var sql = "select 'é;'; /* c; */ select $$a;b$$";
        PgQuery.Split(sql).Count.ShouldBe(2);
        PgQuery.Scan(sql).Count(t => t.Token == PgQuery.Sconst).ShouldBe(2);
        Should.Throw<InvalidOperationException>(() => PgQuery.Split("select from from;"));
    }

    [Theory]
    [InlineData(20260101)]
    [InlineData(7)]
    public void Splitter_agrees_with_the_postgres_parser_on_a_generated_corpus(int seed)
    {
        if (!LibraryAvailable())
        {
            return;
        }

        var generator = new SqlCorpusGenerator(seed);
        int statements = 0, tokens = 0, bytes = 0;
        for (int n = 0; n < Scripts; n++)
        {
            var sql = generator.Script(out _);
            bytes += System.Text.Encoding.UTF8.GetByteCount(sql);
            var scan = PgQuery.Scan(sql).Where(t => t.Token is not (PgQuery.SqlComment or PgQuery.CComment)).ToList();
            var expected = PgQuery.Split(sql)
                .Select(r => scan.Where(t => t.Start >= r.Start && t.End <= r.End).ToList())
                .Where(ts => ts.Count > 0)
                .Select(ts => (ts[0].Start, ts[^1].End))
                .ToList();
            var actual = SqlStatementSplitter.Split(sql, SqlDialect.PostgreSql).Select(s => (s.Start, s.Start + s.Length)).ToList();
            actual.ShouldBe(expected, $"seed {seed}, script {n}:\n{sql}");
            statements += expected.Count;
            tokens += CompareTokens(sql, seed, n);
        }

        output.WriteLine($"seed {seed}: {Scripts} scripts, {statements} statements, {tokens} tokens compared, {bytes:N0} bytes");
        statements.ShouldBeGreaterThan(5_000);
    }

    /// <summary>
    /// Every identifier, keyword, string and comment the PostgreSQL scanner sees starts where one of our tokens starts,
    /// with a matching kind, and (except string constants, which PostgreSQL joins across a newline) ends there too.
    /// </summary>
    private static int CompareTokens(string sql, int seed, int script)
    {
        var ours = SqlLexer.Tokenize(sql, SqlDialect.PostgreSql).ToDictionary(t => t.Start);
        int compared = 0;
        foreach (var pg in PgQuery.Scan(sql))
        {
            SqlTokenKind[]? kinds = pg.Token switch
            {
                PgQuery.SqlComment => [SqlTokenKind.LineComment],
                PgQuery.CComment => [SqlTokenKind.BlockComment],
                PgQuery.Sconst => [SqlTokenKind.StringLiteral, SqlTokenKind.DollarString],
                PgQuery.Ident => [SqlTokenKind.Word, SqlTokenKind.QuotedIdentifier],
                _ when pg.KeywordKind != 0 => [SqlTokenKind.Word],
                _ => null,
            };
            if (kinds is null)
            {
                continue;
            }

            var where = $"seed {seed}, script {script}, PostgreSQL token {pg.Token} «{sql[pg.Start..pg.End]}» at {pg.Start}:\n{sql}";
            ours.TryGetValue(pg.Start, out var token).ShouldBeTrue(where);
            kinds.ShouldContain(token.Kind, where);
            if (pg.Token == PgQuery.Sconst)
            {
                token.End.ShouldBeLessThanOrEqualTo(pg.End, where);
            }
            else
            {
                token.End.ShouldBe(pg.End, where);
            }

            compared++;
        }

        return compared;
    }
}
