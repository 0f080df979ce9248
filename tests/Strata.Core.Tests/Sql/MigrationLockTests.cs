using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Diagnostics;
using Strata.Core.Sql.Migrations;
using Strata.Core.Templating;

namespace Strata.Core.Tests.Sql;

/// <summary>The lock file: released migrations stay unchanged and present, new ones come above them, edits are accepted only on purpose.</summary>
public sealed class MigrationLockTests : IDisposable
{
    private const string LockPath = "db/main/migrations.lock";
    private readonly MigrationFolder _folder = new();
    private static readonly DatastoreDeclaration[] Main = [new("main", EngineCatalog.Sqlite)];

    public void Dispose() => _folder.Dispose();

    private List<Diagnostic> LockNow(params string[] accept)
    {
        var diagnostics = new List<Diagnostic>();
        foreach (var (relative, content) in MigrationBuild.Lock(_folder.Project, Main, accept.ToHashSet(), diagnostics))
        {
            File.WriteAllText(Path.Combine(_folder.Project, relative), content);
        }

        return diagnostics;
    }

    private IReadOnlyList<Diagnostic> Build() =>
        MigrationBuild.Run(_folder.Project, Main, new MigrationBuildOptions { OutputDirectory = "obj/strata" }, HandlebarsTextRenderer.Instance).Diagnostics;

    private string LockText => File.ReadAllText(Path.Combine(_folder.Project, LockPath));

    [Fact]
    public void Locking_records_every_migration_in_version_order()
    {
        _folder.Add("0002_b.sql", "SELECT 2;").Add("0001_a.sql", "SELECT 1;");
        LockNow().ShouldBeEmpty();
        var lines = LockText.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        lines.Count.ShouldBe(2);
        lines[0].ShouldStartWith("0001 ");
        lines[0].ShouldEndWith(" 0001_a.sql");
        Build().ShouldBeEmpty();
    }

    [Fact]
    public void STRATA2011_editing_a_locked_migration_fails_the_build()
    {
        _folder.Add("0001_a.sql", "SELECT 1;");
        LockNow();
        _folder.Add("0001_a.sql", "SELECT 11;");
        var d = Build().ShouldHaveSingleItem();
        (d.Id, d.Location.File, d.Location.Line).ShouldBe(("STRATA2011", "db/main/migrations/0001_a.sql", 1));
        d.Message.ShouldContain("-p:StrataAcceptEdits=0001");
    }

    [Fact]
    public void Line_ends_and_the_down_part_are_not_edits()
    {
        _folder.Add("0001_a.sql", "SELECT 1;\n");
        LockNow();
        _folder.Add("0001_a.sql", "\uFEFFSELECT 1;\r\n\r\n-- strata:down\r\nSELECT 0;\r\n");
        Build().ShouldBeEmpty();
    }

    [Fact]
    public void An_edit_accepted_on_purpose_keeps_the_old_checksum_and_builds_clean()
    {
        _folder.Add("0001_a.sql", "SELECT 1;");
        LockNow();
        var before = LockText;
        _folder.Add("0001_a.sql", "SELECT 1; -- fixed a comment");

        var refused = LockNow();
        refused.ShouldHaveSingleItem().Id.ShouldBe("STRATA2011");
        LockText.ShouldBe(before, "a refused lock leaves the file as it was");

        LockNow("0001").ShouldBeEmpty();
        LockText.ShouldContain(" accepts=");
        Build().ShouldBeEmpty();
    }

    [Fact]
    public void STRATA2012_a_deleted_released_migration()
    {
        _folder.Add("0001_a.sql", "SELECT 1;").Add("0002_b.sql", "SELECT 2;");
        LockNow();
        File.Delete(Path.Combine(_folder.Project, MigrationFolder.Relative, "0001_a.sql"));
        var d = Build().ShouldHaveSingleItem();
        (d.Id, d.Location.File, d.Location.Line).ShouldBe(("STRATA2012", LockPath, 3));
    }

    [Fact]
    public void STRATA2013_a_new_migration_below_the_released_ones()
    {
        _folder.Add("0001_a.sql", "SELECT 1;").Add("0003_c.sql", "SELECT 3;");
        LockNow();
        _folder.Add("0002_from_old_branch.sql", "SELECT 2;").Add("0004_d.sql", "SELECT 4;");
        var d = Build().ShouldHaveSingleItem();
        (d.Id, d.Location.File).ShouldBe(("STRATA2013", "db/main/migrations/0002_from_old_branch.sql"));
    }

    [Fact]
    public void STRATA2014_a_conflict_marker_in_the_lock_file()
    {
        _folder.Add("0001_a.sql", "SELECT 1;");
        LockNow();
        File.AppendAllText(Path.Combine(_folder.Project, LockPath), "<<<<<<< HEAD\n");
        var d = Build().ShouldHaveSingleItem();
        (d.Id, d.Location.Line).ShouldBe(("STRATA2014", 4));
    }

    [Fact]
    public void STRATA2015_a_renamed_released_migration_is_a_warning()
    {
        _folder.Add("0001_a.sql", "SELECT 1;");
        LockNow();
        File.Move(Path.Combine(_folder.Project, MigrationFolder.Relative, "0001_a.sql"), Path.Combine(_folder.Project, MigrationFolder.Relative, "0001_renamed.sql"));
        var d = Build().ShouldHaveSingleItem();
        (d.Id, d.IsError).ShouldBe(("STRATA2015", false));
    }

    [Fact]
    public void Union_merged_lock_files_from_two_branches_parse()
    {
        _folder.Add("0001_a.sql", "SELECT 1;").Add("0002_b.sql", "SELECT 2;").Add("0003_c.sql", "SELECT 3;");
        LockNow();
        var lines = LockText.Split('\n');
        // What git's union merge produces when each branch appended one line: both kept, order as merged.
        File.WriteAllText(Path.Combine(_folder.Project, LockPath), string.Join('\n', lines[0], lines[1], lines[4], lines[2], lines[3]) + "\n");
        Build().ShouldBeEmpty();
    }
}
