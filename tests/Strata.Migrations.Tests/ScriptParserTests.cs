using Strata.Migrations.Errors;
using Strata.Migrations.Script;
using Strata.Migrations.Tests.Support;

namespace Strata.Migrations.Tests;

public class ScriptParserTests
{
    [Fact]
    public void Parses_datastore_prologue_and_migrations()
    {
        var script = Scripts.Three().Build();

        script.Datastore.ShouldBe("testdb");
        script.Engine.ShouldBe("sqlite");
        script.Name.ShouldBe("Strata/testdb/migrate.sql");
        script.Prologue.ShouldBe(ScriptBuilder.HistoryDdl);
        script.PrologueLine.ShouldBe(4);
        script.Migrations.Select(m => m.Version).ShouldBe(["0001", "0002", "0003"]);
        script.Migrations.Select(m => m.NormalizedVersion).ShouldBe(["1", "2", "3"]);

        var first = script.Migrations[0];
        first.Description.ShouldBe("create todos");
        first.Source.ShouldBe("db/testdb/migrations/0001_create_todos.sql");
        first.Body.ShouldBe(Scripts.CreateTodos);
        first.Checksum.ShouldBe(MigrationChecksum.Compute(Scripts.CreateTodos));
    }

    [Fact]
    public void Script_without_migrations_is_valid()
    {
        var script = new ScriptBuilder().Build();

        script.Migrations.ShouldBeEmpty();
        script.Prologue.ShouldContain("strata_schema_history");
    }

    [Fact]
    public void Leading_comments_and_unknown_attributes_are_accepted()
    {
        var lines = Scripts.Three().Lines();
        lines.Insert(0, "-- another generator comment");
        lines[2] += " future=yes";
        lines[lines.FindIndex(l => l.StartsWith("-- strata:migration", StringComparison.Ordinal))] += " author=someone";

        var script = MigrationScript.Parse(string.Join('\n', lines), "s.sql");

        script.Migrations.Count.ShouldBe(3);
    }

    [Fact]
    public void Crlf_bom_and_trailing_newline_do_not_change_the_result()
    {
        var lf = Scripts.Three().Text();
        var variants = new[] { lf, lf.TrimEnd('\n'), lf.Replace("\n", "\r\n", StringComparison.Ordinal), "\uFEFF" + lf };

        foreach (var text in variants)
        {
            var script = MigrationScript.Parse(text, "s.sql");
            script.Migrations.Select(m => (m.Checksum, m.Body))
                .ShouldBe(MigrationScript.Parse(lf, "s.sql").Migrations.Select(m => (m.Checksum, m.Body)));
        }
    }

    [Fact]
    public void Source_checksum_ignores_crlf_and_one_trailing_newline()
    {
        var expected = MigrationChecksum.Compute("CREATE TABLE a (x);\nCREATE TABLE b (y);");

        MigrationChecksum.ComputeFromSource("CREATE TABLE a (x);\nCREATE TABLE b (y);").ShouldBe(expected);
        MigrationChecksum.ComputeFromSource("CREATE TABLE a (x);\nCREATE TABLE b (y);\n").ShouldBe(expected);
        MigrationChecksum.ComputeFromSource("CREATE TABLE a (x);\r\nCREATE TABLE b (y);\r\n").ShouldBe(expected);
        MigrationChecksum.ComputeFromSource("\uFEFFCREATE TABLE a (x);\rCREATE TABLE b (y);").ShouldBe(expected);
        MigrationChecksum.ComputeFromSource("CREATE TABLE a (x);\nCREATE TABLE b (y);\n\n").ShouldNotBe(expected);
    }

    // Lines of the valid base script (Scripts.Three): 1 comment, 2 script, 3 prologue, 4-11 history DDL,
    // 12 migration 0001 header, 13 description, 14-18 body, 19 end, 20 migration 0002 header, 21, 22, 23 end,
    // 24 migration 0003 header, 25 description, 26-27 body, 28 end.
    [Theory]
    [InlineData("empty", 1)]
    [InlineData("sql before script marker", 1)]
    [InlineData("unknown marker before script marker", 1)]
    [InlineData("format 2", 2)]
    [InlineData("format missing", 2)]
    [InlineData("datastore missing", 2)]
    [InlineData("attribute without value", 2)]
    [InlineData("duplicate attribute", 2)]
    [InlineData("prologue marker missing", 3)]
    [InlineData("marker inside prologue", 5)]
    [InlineData("sql after the prologue's end", 6)]
    [InlineData("second prologue", 12)]
    [InlineData("psql section without end", 12)]
    [InlineData("marker inside psql section", 13)]
    [InlineData("lock_timeout not an interval", 2)]
    [InlineData("statement_timeout with sql", 2)]
    [InlineData("transaction attribute unknown", 12)]
    [InlineData("version not digits", 12)]
    [InlineData("checksum does not match body", 12)]
    [InlineData("checksum uppercase", 12)]
    [InlineData("checksum missing", 12)]
    [InlineData("source with backslash", 12)]
    [InlineData("source absolute", 12)]
    [InlineData("description missing", 13)]
    [InlineData("second description in body", 15)]
    [InlineData("end missing", 23)]
    [InlineData("end missing at end of script", 24)]
    [InlineData("sql between migrations", 20)]
    [InlineData("duplicate version", 20)]
    [InlineData("out of order", 24)]
    [InlineData("marker lookalike", 19)]
    public void Malformed_script_is_STRATA5004_at_the_line(string @case, int line)
    {
        var lines = Scripts.Three().Lines();
        lines[11].ShouldStartWith("-- strata:migration version=0001");
        lines[19].ShouldStartWith("-- strata:migration version=0002");
        lines[23].ShouldStartWith("-- strata:migration version=0003");
        Mutate(lines, @case);

        var ex = Should.Throw<MigrationException>(() => MigrationScript.Parse(string.Join('\n', lines), "Strata/testdb/migrate.sql"));

        ex.Code.ShouldBe("STRATA5004");
        ex.SourceFile.ShouldBe("Strata/testdb/migrate.sql");
        ex.Line.ShouldBe(line, ex.Message);
        ex.Message.ShouldStartWith($"Strata/testdb/migrate.sql({line}): error STRATA5004: Malformed migration script: ");
    }

    [Fact]
    public void Psql_sections_are_skipped_wherever_they_may_appear_and_the_prologue_may_end_with_its_own_end()
    {
        var lines = Scripts.Three().Lines();
        var psql = new[] { "-- strata:psql", "\\set ON_ERROR_STOP on", "SELECT pg_advisory_lock(1);", "-- not a marker", "\\if :strata_pending", "BEGIN;", "-- strata:end" };
        lines.InsertRange(lines.Count, psql); // after the last migration
        lines.InsertRange(23, psql); // between migrations 0002 and 0003
        lines.InsertRange(19, psql); // between migrations 0001 and 0002
        lines.Insert(11, "-- strata:end"); // the prologue's own end
        lines.InsertRange(11 + 1, psql); // between the prologue and the first migration
        lines.InsertRange(2, psql); // after the script marker, before the prologue

        var script = MigrationScript.Parse(string.Join('\n', lines), "s.sql");

        script.Prologue.ShouldBe(ScriptBuilder.HistoryDdl);
        script.PrologueLine.ShouldBe(4 + psql.Length);
        script.Migrations.Select(m => (m.Version, m.Body)).ShouldBe(Scripts.Three().Build().Migrations.Select(m => (m.Version, m.Body)));
        script.Migrations.ShouldAllBe(m => m.Transactional);
    }

    [Fact]
    public void Script_timeouts_and_transaction_none_are_read()
    {
        var lines = Scripts.Three().Lines();
        lines[1] += " lock_timeout=3s statement_timeout=0";
        lines[19] += " transaction=none";

        var script = MigrationScript.Parse(string.Join('\n', lines), "s.sql");

        script.LockTimeout.ShouldBe("3s");
        script.StatementTimeout.ShouldBe("0");
        script.Migrations.Select(m => m.Transactional).ShouldBe([true, false, true]);
        Scripts.Three().Build().LockTimeout.ShouldBeNull();
    }

    [Fact]
    public void The_generated_postgres_layout_parses()
    {
        var text = new PostgresScript().Add("0001", "create", "CREATE TABLE a (id bigint);").Add("0002", "index", "CREATE INDEX CONCURRENTLY ix ON a (id);", transactional: false).Text();

        var script = MigrationScript.Parse(text, "Strata/main/migrate.sql");

        script.Engine.ShouldBe("postgres");
        script.LockTimeout.ShouldBe("10s");
        script.StatementTimeout.ShouldBe("15min");
        script.Prologue.ShouldBe(PostgresScript.HistoryDdl);
        script.Migrations.Select(m => (m.Version, m.Transactional)).ShouldBe([("0001", true), ("0002", false)]);
    }

    [Theory]
    [InlineData("main", -4218748773448196036L)]
    [InlineData("orders", 0L)]
    public void Lock_key_is_the_big_endian_prefix_of_sha256(string datastore, long expected)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("strata:" + datastore));
        var fromHash = hash.Take(8).Aggregate(0L, (key, b) => (key << 8) | b);

        MigrationLockKey.For(datastore).ShouldBe(fromHash);
        if (expected != 0)
        {
            MigrationLockKey.For(datastore).ShouldBe(expected);
        }
    }

    private static void Mutate(List<string> lines, string @case)
    {
        switch (@case)
        {
            case "empty": lines.Clear(); break;
            case "sql before script marker": lines[0] = "SELECT 1;"; break;
            case "unknown marker before script marker": lines[0] = "-- strata:bogus"; break;
            case "format 2": lines[1] = lines[1].Replace("format=1", "format=2", StringComparison.Ordinal); break;
            case "format missing": lines[1] = lines[1].Replace("format=1 ", "", StringComparison.Ordinal); break;
            case "datastore missing": lines[1] = lines[1].Replace("datastore=testdb ", "", StringComparison.Ordinal); break;
            case "attribute without value": lines[1] += " broken"; break;
            case "duplicate attribute": lines[1] += " engine=postgres"; break;
            case "prologue marker missing": lines.RemoveAt(2); break;
            case "marker inside prologue": lines.Insert(4, "-- strata:description oops"); break;
            case "sql after the prologue's end": lines.Insert(4, "-- strata:end"); break;
            case "second prologue": lines.Insert(11, "-- strata:prologue"); break;
            case "psql section without end": lines.Insert(11, "-- strata:psql"); lines.RemoveRange(12, lines.Count - 12); lines.Add("SELECT 1;"); break;
            case "marker inside psql section": lines.InsertRange(11, ["-- strata:psql", "-- strata:migration version=9", "-- strata:end"]); break;
            case "lock_timeout not an interval": lines[1] += " lock_timeout=10 seconds"; break;
            case "statement_timeout with sql": lines[1] += " statement_timeout=1s';DROP"; break;
            case "transaction attribute unknown": lines[11] += " transaction=maybe"; break;
            case "version not digits": lines[11] = lines[11].Replace("version=0001", "version=v1", StringComparison.Ordinal); break;
            case "checksum does not match body": lines[15] += " -- edited"; break;
            case "checksum uppercase": lines[11] = UpperChecksum(lines[11]); break;
            case "checksum missing": lines[11] = string.Join(' ', lines[11].Split(' ').Where(p => !p.StartsWith("checksum=", StringComparison.Ordinal))); break;
            case "source with backslash": lines[11] = lines[11].Replace("db/testdb/migrations/", "db\\testdb\\migrations\\", StringComparison.Ordinal); break;
            case "source absolute": lines[11] = lines[11].Replace("source=db/", "source=/db/", StringComparison.Ordinal); break;
            case "description missing": lines.RemoveAt(12); break;
            case "second description in body": lines.Insert(14, "-- strata:description again"); break;
            case "end missing": lines.RemoveAt(22); break;
            case "end missing at end of script": lines.RemoveAt(lines.Count - 1); break;
            case "sql between migrations": lines.Insert(19, "SELECT 1;"); break;
            case "duplicate version": lines[19] = lines[19].Replace("version=0002", "version=001", StringComparison.Ordinal); break;
            case "out of order": lines[23] = lines[23].Replace("version=0003", "version=0002", StringComparison.Ordinal).Replace("version=0002", "version=00001", StringComparison.Ordinal); break;
            case "marker lookalike": lines[18] = "-- strata:ending"; break;
            default: throw new ArgumentOutOfRangeException(nameof(@case), @case, null);
        }
    }

    private static string UpperChecksum(string header) =>
        string.Join(' ', header.Split(' ').Select(p => p.StartsWith("checksum=", StringComparison.Ordinal) ? "checksum=" + p[9..].ToUpperInvariant() : p));
}
