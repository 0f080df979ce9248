using System.Diagnostics;
using Strata.Migrations.Postgres;
using Strata.Migrations.Tests.Support;
using Strata.Tests.Shared;

namespace Strata.Migrations.Tests.Postgres;

/// <summary>
/// A process killed in the middle of a migration: this test assembly runs itself as the applier (see Program), is
/// killed while migration 0002 sleeps inside its transaction, and leaves neither partial schema nor a stale lock.
/// </summary>
[Collection(PostgresServer.Collection)]
public sealed class PostgresCrashTests(PostgresServer server)
{
    [PostgresFact]
    public async Task A_killed_applier_leaves_no_partial_schema_and_no_lock_and_the_next_run_completes()
    {
        var db = new PgTestDatabase(server);
        var script = new PostgresScript()
            .Add("0001", "first", "CREATE TABLE first (id bigint);")
            .Add("0002", "slow", "CREATE TABLE half_done (id bigint);\nSELECT pg_sleep(30);")
            .Add("0003", "last", "CREATE TABLE last (id bigint);");
        var scriptFile = Path.Combine(Path.GetTempPath(), $"strata-crash-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(scriptFile, script.Text());
        try
        {
            using var child = StartChild(db.ConnectionString, scriptFile);
            var sleeping = await WaitUntil(() => db.Query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' AND state = 'active'")[0] == "1", TimeSpan.FromSeconds(60));
            if (!sleeping)
            {
                Assert.Fail($"The child never reached migration 0002; its output:\n{await ReadOutput(child)}");
            }

            db.AdvisoryLocks().Count.ShouldBe(1);

            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();

            // The lock connection's backend sees the disconnect at once; the sleeping one within client_connection_check_interval.
            (await WaitUntil(() => db.AdvisoryLocks().Count == 0, TimeSpan.FromSeconds(10))).ShouldBeTrue("the advisory lock outlived the killed process");
            (await WaitUntil(() => db.Query("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'")[0] == "0", TimeSpan.FromSeconds(10)))
                .ShouldBeTrue("the killed process's statement kept running");
            db.Tables().ShouldContain("first:r");
            db.Tables().ShouldNotContain("half_done:r");
            db.History().Select(h => h.Split(' ')[0]).ShouldBe(["1"]);

            // 0002 is still pending, so its body may change: the next run sleeps briefly instead of 30 s.
            var clock = Stopwatch.StartNew();
            var next = await PostgresMigrator.Create(db.ConnectionString, new PostgresScript()
                .Add("0001", "first", "CREATE TABLE first (id bigint);")
                .Add("0002", "slow", "CREATE TABLE half_done (id bigint);\nSELECT pg_sleep(0.1);")
                .Add("0003", "last", "CREATE TABLE last (id bigint);")
                .Build()).ApplyAsync();

            next.Applied.Select(a => a.Version).ShouldBe(["0002", "0003"]);
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
            db.Tables().ShouldContain("half_done:r");
            db.Tables().ShouldContain("last:r");
            db.AdvisoryLocks().ShouldBeEmpty();
        }
        finally
        {
            File.Delete(scriptFile);
        }
    }

    private static Process StartChild(string connectionString, string scriptFile)
    {
        var assembly = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost(), [assembly, Program.ApplyPostgres, scriptFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment[Program.ConnectionVariable] = connectionString;
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the child applier.");
    }

    /// <summary>The dotnet host running this test, so the child uses the same runtime.</summary>
    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static async Task<string> ReadOutput(Process child)
    {
        if (!child.HasExited)
        {
            child.Kill(entireProcessTree: true);
        }

        await child.WaitForExitAsync();
        return await child.StandardOutput.ReadToEndAsync() + await child.StandardError.ReadToEndAsync();
    }

    private static async Task<bool> WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return condition();
    }
}
