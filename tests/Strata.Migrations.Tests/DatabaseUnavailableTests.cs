using Microsoft.Data.Sqlite;
using Strata.Migrations.Engine;
using Strata.Migrations.Errors;
using Strata.Migrations.Sqlite;
using Strata.Migrations.Tests.Support;

namespace Strata.Migrations.Tests;

public sealed class DatabaseUnavailableTests : IDisposable
{
    private readonly TempDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Missing_folder_is_created()
    {
        var path = Path.Combine(db.Folder, "a", "b", "app.db");

        await SqliteMigrator.Create($"Data Source={path};Pooling=False", Scripts.Three().Build()).ApplyAsync();

        File.Exists(path).ShouldBeTrue();
    }

    [Fact]
    public async Task Folder_that_cannot_be_created_is_STRATA5006()
    {
        var file = Path.Combine(db.Folder, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");

        var ex = await Should.ThrowAsync<MigrationException>(() =>
            SqliteMigrator.Create($"Data Source={Path.Combine(file, "app.db")}", Scripts.Three().Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5006");
        ex.Message.ShouldStartWith($"error STRATA5006: Could not create the folder '{file}'");
    }

    [Fact]
    public async Task Lock_held_beyond_the_busy_timeout_is_STRATA5006()
    {
        await SqliteMigrator.Create(db.ConnectionString, new ScriptBuilder().Add("0001", "create todos", Scripts.CreateTodos).Build()).ApplyAsync();
        using var holder = db.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var options = new MigrationOptions { BusyTimeout = TimeSpan.FromMilliseconds(300) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Should.ThrowAsync<MigrationException>(() =>
            SqliteMigrator.Create(db.ConnectionString, Scripts.Three().Build(), options).ApplyAsync());

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        ex.Code.ShouldBe("STRATA5006");
        ex.Message.ShouldContain("database is locked");
        ex.Message.ShouldContain("busy timeout (0.3 s)");
        ex.InnerException.ShouldBeOfType<SqliteException>();
    }

    [Fact]
    public async Task Migrator_waits_for_a_short_lock()
    {
        var script = Scripts.Three().Build();
        await SqliteMigrator.Create(db.ConnectionString, script).ApplyAsync();
        db.Execute("DELETE FROM strata_schema_history WHERE version = '3'; DROP TABLE tags;");
        using var holder = db.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var applying = SqliteMigrator.Create(db.ConnectionString, script).ApplyAsync();
        await Task.Delay(300);
        using (var commit = holder.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            commit.ExecuteNonQuery();
        }

        (await applying).Applied.Select(a => a.Version).ShouldBe(["0003"]);
    }

    [Fact]
    public async Task Read_only_database_is_STRATA5006()
    {
        await SqliteMigrator.Create(db.ConnectionString, new ScriptBuilder().Add("0001", "create todos", Scripts.CreateTodos).Build()).ApplyAsync();

        var ex = await Should.ThrowAsync<MigrationException>(() =>
            SqliteMigrator.Create($"Data Source={db.Path};Mode=ReadOnly;Pooling=False", Scripts.Three().Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5006");
        ex.Message.ShouldContain("read-only");
    }

    [Fact]
    public async Task File_that_is_not_a_database_is_STRATA5006()
    {
        await File.WriteAllTextAsync(db.Path, new string('x', 4096));

        var ex = await Should.ThrowAsync<MigrationException>(() => SqliteMigrator.Create(db.ConnectionString, Scripts.Three().Build()).ApplyAsync());

        ex.Code.ShouldBe("STRATA5006");
        ex.Message.ShouldContain("not a SQLite database");
    }
}
