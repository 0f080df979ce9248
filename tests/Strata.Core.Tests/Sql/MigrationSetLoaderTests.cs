using System.Text;
using Strata.Core.Diagnostics;
using Strata.Migrations.Sql;
using Strata.Core.Sql.Migrations;

namespace Strata.Core.Tests.Sql;

/// <summary>One test per STRATA2xxx rule the loader raises: flagged and not flagged, with file, line and column.</summary>
public sealed class MigrationSetLoaderTests : IDisposable
{
    private readonly MigrationFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private MigrationSet Load(SqlDialect dialect = SqlDialect.Sqlite) =>
        MigrationSetLoader.Load(_folder.Project, "main", MigrationFolder.Relative, dialect);

    private static Diagnostic Single(MigrationSet set, string id)
    {
        var diagnostic = set.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(id);
        return diagnostic;
    }

    [Fact]
    public void Valid_migrations_load_in_numeric_order_with_checksums()
    {
        _folder.Add("10_third.sql", "SELECT 3;").Add("2_second.sql", "SELECT 2;\r\n").Add("0001_first-one.sql", "\uFEFFSELECT 1;\n");
        var set = Load();
        set.Diagnostics.ShouldBeEmpty();
        set.Migrations.Select(m => m.Version).ShouldBe(["0001", "2", "10"]);
        set.Migrations[0].Description.ShouldBe("first one");
        set.Migrations[0].Body.ShouldBe("SELECT 1;");
        set.Migrations[1].Body.ShouldBe("SELECT 2;");
        set.Migrations[0].Checksum.ShouldBe(Strata.Migrations.Script.MigrationChecksum.ComputeFromSource("SELECT 1;\r\n"));
    }

    [Fact]
    public void STRATA2001_missing_folder()
    {
        Directory.Delete(Path.Combine(_folder.Project, MigrationFolder.Relative));
        var d = Single(Load(), "STRATA2001");
        d.Location.File.ShouldBe(MigrationFolder.Relative);
        d.Message.ShouldContain("does not exist");
    }

    [Theory]
    [InlineData("1-create.sql")]
    [InlineData("v1_create.sql")]
    [InlineData("0001_.sql")]
    [InlineData("0001_create table.sql")]
    [InlineData("0001_create__twice.sql")]
    public void STRATA2002_bad_file_name(string name)
    {
        _folder.Add(name, "SELECT 1;");
        Single(Load(), "STRATA2002").Location.File.ShouldBe($"{MigrationFolder.Relative}/{name}");
    }

    [Fact]
    public void Files_that_are_not_sql_are_ignored()
    {
        _folder.Add("README.md", "notes").Add("0001_ok.sql", "SELECT 1;");
        Load().Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void STRATA2003_duplicate_version_names_both_files()
    {
        _folder.Add("0002_from_main.sql", "SELECT 1;").Add("2_from_branch.sql", "SELECT 2;");
        var d = Single(Load(), "STRATA2003");
        d.Message.ShouldContain("0002_from_main.sql");
        d.Message.ShouldContain("2_from_branch.sql");
    }

    [Theory]
    [InlineData("")]
    [InlineData("-- only a comment\n/* and a block */\n;\n")]
    public void STRATA2004_empty_migration(string text)
    {
        _folder.Add("0001_empty.sql", text);
        Single(Load(), "STRATA2004").Location.File.ShouldEndWith("0001_empty.sql");
    }

    [Fact]
    public void STRATA2005_invalid_utf8_reports_line_and_column()
    {
        _folder.AddBytes("0001_latin1.sql", [.. Encoding.ASCII.GetBytes("SELECT 1;\nSELECT 'caf"), 0xE9, .. Encoding.ASCII.GetBytes("';\n")]);
        var d = Single(Load(), "STRATA2005");
        (d.Location.Line, d.Location.Column).ShouldBe((2, 12));
        d.Message.ShouldContain("0xE9");
    }

    [Fact]
    public void STRATA2006_unterminated_dollar_quote_in_postgres()
    {
        _folder.Add("0001_fn.sql", "-- a function\nCREATE FUNCTION f() RETURNS int AS $$\n  SELECT 1;\n");
        var d = Single(Load(SqlDialect.PostgreSql), "STRATA2006");
        (d.Location.Line, d.Location.Column).ShouldBe((2, 36));
        d.Message.ShouldContain("dollar-quoted string");
    }

    [Fact]
    public void Dollar_signs_inside_sqlite_strings_are_plain_text()
    {
        _folder.Add("0001_ok.sql", "SELECT '$$';");
        Load().Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void STRATA2007_reserved_marker()
    {
        _folder.Add("0001_marker.sql", "SELECT 1;\n-- strata:end\n");
        var d = Single(Load(), "STRATA2007");
        (d.Location.Line, d.Location.Column).ShouldBe((2, 1));
    }

    [Fact]
    public void A_strata_comment_after_code_is_not_a_marker()
    {
        _folder.Add("0001_ok.sql", "SELECT 1; -- strata: fine here");
        Load().Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void STRATA2008_no_migrations_is_a_warning()
    {
        var d = Single(Load(), "STRATA2008");
        d.IsError.ShouldBeFalse();
    }

    [Fact]
    public void STRATA2009_file_too_large()
    {
        using (var stream = File.Create(Path.Combine(_folder.Project, MigrationFolder.Relative, "0001_big.sql")))
        {
            stream.SetLength(MigrationSetLoader.MaxFileBytes + 1);
        }

        Single(Load(), "STRATA2009").Message.ShouldContain("16,777,217");
    }

    [Fact]
    public void STRATA2010_link_outside_the_project()
    {
        var outside = Path.Combine(Path.GetTempPath(), "strata-outside-" + Guid.NewGuid().ToString("N") + ".sql");
        File.WriteAllText(outside, "SELECT 1;");
        try
        {
            File.CreateSymbolicLink(Path.Combine(_folder.Project, MigrationFolder.Relative, "0001_linked.sql"), outside);
            Single(Load(), "STRATA2010").Message.ShouldContain(outside);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void A_link_inside_the_project_is_fine()
    {
        File.WriteAllText(Path.Combine(_folder.Project, "shared.sql"), "SELECT 1;");
        File.CreateSymbolicLink(Path.Combine(_folder.Project, MigrationFolder.Relative, "0001_linked.sql"), Path.Combine(_folder.Project, "shared.sql"));
        Load().Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void A_large_folder_read_by_two_threads_gives_migrations_and_diagnostics_in_file_order()
    {
        int count = MigrationSetLoader.ParallelFrom * 2 + 1;
        for (int i = 1; i <= count; i++)
        {
            var text = i % 50 == 7 ? "SELECT 'unterminated;\n" : $"CREATE TABLE t{i} (id int);\n";
            _folder.Add(i % 60 == 3 ? $"{i:D4}_bad name.sql" : $"{i:D4}_m{i}.sql", text);
        }

        var set = Load(SqlDialect.PostgreSql);
        var expectedBad = Enumerable.Range(1, count).Where(i => i % 50 == 7 || i % 60 == 3).ToList();
        set.Diagnostics.Select(d => d.Location.File).ShouldBe(expectedBad.Select(i => i % 60 == 3
            ? $"{MigrationFolder.Relative}/{i:D4}_bad name.sql" : $"{MigrationFolder.Relative}/{i:D4}_m{i}.sql"));
        set.Migrations.Select(m => int.Parse(m.Version, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(Enumerable.Range(1, count).Except(expectedBad));
    }
}

public sealed class MigrationDirectiveTests : IDisposable
{
    private readonly MigrationFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private MigrationFile LoadOne()
    {
        var set = MigrationSetLoader.Load(_folder.Project, "main", MigrationFolder.Relative, SqlDialect.PostgreSql);
        set.Diagnostics.ShouldBeEmpty();
        return set.Migrations.ShouldHaveSingleItem();
    }

    [Fact]
    public void No_transaction_is_read_and_neutralized_keeping_line_numbers()
    {
        _folder.Add("0001_index.sql", "-- strata:no-transaction\nCREATE INDEX CONCURRENTLY ix ON t (a);\n");
        var migration = LoadOne();
        migration.RunsInTransaction.ShouldBeFalse();
        migration.Body.ShouldBe("-- [strata] no-transaction\nCREATE INDEX CONCURRENTLY ix ON t (a);");
    }

    [Fact]
    public void The_down_part_is_split_off_and_excluded_from_the_body_checksum_but_not_the_file_checksum()
    {
        _folder.Add("0001_t.sql", "CREATE TABLE t (a int);\n\n-- strata:down\nDROP TABLE t;\n");
        var migration = LoadOne();
        migration.Body.ShouldBe("CREATE TABLE t (a int);");
        (migration.DownBody, migration.DownLine).ShouldBe(("DROP TABLE t;", 4));
        var before = (migration.Checksum, migration.FileChecksum);

        _folder.Add("0001_t.sql", "CREATE TABLE t (a int);\n\n-- strata:down\nDROP TABLE IF EXISTS t;\n");
        var edited = LoadOne();
        edited.Checksum.ShouldBe(before.Checksum);
        edited.FileChecksum.ShouldNotBe(before.FileChecksum);
    }

    [Fact]
    public void A_marker_line_inside_a_multiline_string_is_still_reserved()
    {
        _folder.Add("0001_text.sql", "INSERT INTO t VALUES ('first line\n-- strata:end\n');\n");
        var d = MigrationSetLoader.Load(_folder.Project, "main", MigrationFolder.Relative, SqlDialect.PostgreSql).Diagnostics.ShouldHaveSingleItem();
        (d.Id, d.Location.Line).ShouldBe(("STRATA2007", 2));
    }

    [Fact]
    public void A_file_that_is_only_a_down_part_is_empty()
    {
        _folder.Add("0001_t.sql", "-- strata:down\nDROP TABLE t;\n");
        MigrationSetLoader.Load(_folder.Project, "main", MigrationFolder.Relative, SqlDialect.PostgreSql).Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("STRATA2004");
    }
}

public sealed class MigrationFolderLinkTests : IDisposable
{
    private readonly MigrationFolder _folder = new();
    private readonly string _outside = Path.Combine(Path.GetTempPath(), "strata-outside-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _folder.Dispose();
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public void STRATA2010_a_linked_db_folder_leading_outside_the_project()
    {
        Directory.CreateDirectory(Path.Combine(_outside, "main/migrations"));
        File.WriteAllText(Path.Combine(_outside, "main/migrations/0001_a.sql"), "SELECT 1;");
        Directory.Delete(Path.Combine(_folder.Project, "db"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(_folder.Project, "db"), _outside);

        var d = MigrationSetLoader.Load(_folder.Project, "main", MigrationFolder.Relative, SqlDialect.Sqlite).Diagnostics.ShouldHaveSingleItem();
        d.Id.ShouldBe("STRATA2010");
        d.Message.ShouldContain(_outside);
    }
}
