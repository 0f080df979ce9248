using System.Globalization;
using System.Text.RegularExpressions;
using Strata.Templates.Tests.Infrastructure;
using Strata.Tests.Shared;

namespace Strata.Templates.Tests;

/// <summary>
/// The generated ops/backup, ops/restore and ops/drill scripts (docs/backups.md), run as a user would run them against
/// real servers: PostgreSQL and Redis started by the tests, SQLite's CLI. One scaffold (postgres + sqlite + redis) is
/// shared by the class. The stores that cannot run here (MongoDB, Neo4j, Elasticsearch, Qdrant, Chroma) get bash -n,
/// shellcheck when it is installed, and their --help.
/// </summary>
[Collection(TemplateCollection.Name)]
public sealed partial class BackupDrillTests(TemplateHive hive, PostgresServer postgres, RedisServer redis)
    : IClassFixture<PostgresServer>, IClassFixture<RedisServer>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? shared;

    [PostgresFact]
    public async Task Postgres_backup_wipe_restore_is_identical_refuses_a_non_empty_target_and_the_drill_reports_a_time()
    {
        var service = await ServiceAsync();
        var database = postgres.CreateDatabase();
        postgres.Psql(database, "-c", """
            CREATE TABLE todos (id int PRIMARY KEY, title text NOT NULL, done boolean NOT NULL);
            INSERT INTO todos SELECT g, 'todo ' || g, g % 3 = 0 FROM generate_series(1, 500) g;
            CREATE SCHEMA audit;
            CREATE TABLE audit."Event Log" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, what text);
            INSERT INTO audit."Event Log" (what) VALUES ('created'), ('it''s quoted');
            """);
        var environment = new Dictionary<string, string?>
        {
            // The password comes from POSTGRES_PASSWORD (as in .env), not from the connection string.
            ["ConnectionStrings__main"] = $"Host=127.0.0.1;Port={postgres.Port.ToString(CultureInfo.InvariantCulture)};Database={database};Username=postgres",
            ["POSTGRES_PASSWORD"] = postgres.Password,
            ["PGPASSWORD"] = null,
        };
        string Data() => postgres.Psql(database, "-At", "-c", "SELECT * FROM todos ORDER BY id", "-c", "SELECT * FROM audit.\"Event Log\" ORDER BY id").StandardOutput;
        var before = Data();

        var backup = (await RunAsync(service, "ops/backup/main.sh", environment)).ShouldSucceed("backup");
        var file = BackupFile(service, backup, "main", ".dump");
        File.ReadAllText(file + ".counts").ShouldBe("audit.\"Event Log\"\t2\npublic.todos\t500\n");

        postgres.Psql(database, "-c", "DROP TABLE todos; DROP SCHEMA audit CASCADE;");
        (await RunAsync(service, "ops/restore/main.sh", environment)).ShouldSucceed("restore into the wiped database");
        Data().ShouldBe(before, "the restored data is identical");

        postgres.Psql(database, "-c", "UPDATE todos SET title = 'changed after the backup' WHERE id = 1");
        var refused = await RunAsync(service, "ops/restore/main.sh", environment);
        refused.ExitCode.ShouldNotBe(0);
        refused.Output.ShouldContain("the target is not empty");
        refused.Output.ShouldContain("--force");
        postgres.Query(database, "SELECT title FROM todos WHERE id = 1").ShouldBe(["changed after the backup"], customMessage: "a refused restore keeps the data");

        (await RunAsync(service, "ops/restore/main.sh", environment, "--force")).ShouldSucceed("restore --force");
        Data().ShouldBe(before, "--force replaces the data with the backup's");

        var drill = (await RunAsync(service, "ops/drill/main.sh", environment)).ShouldSucceed("drill");
        DrillLine().IsMatch(drill.Output).ShouldBeTrue(drill.Output);
        drill.Output.ShouldContain("counts match");
        postgres.Query("postgres", "SELECT count(*) FROM pg_database WHERE datname LIKE 'strata_drill_%'").ShouldBe(["0"], customMessage: "the scratch database is dropped");
    }

    [Fact]
    public async Task Sqlite_backup_wipe_restore_is_identical_and_a_read_only_backup_folder_fails_loudly_keeping_the_last_backup()
    {
        var service = await ServiceAsync();
        var db = Path.Combine(service, "data", "sqlite.db");
        Directory.CreateDirectory(Path.GetDirectoryName(db)!);
        File.Delete(db);
        Sqlite(db, """
            CREATE TABLE todos (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) INSERT INTO todos SELECT i, 'todo ' || i FROM n;
            CREATE TABLE "it's odd" (x TEXT);
            INSERT INTO "it's odd" VALUES ('a'), ('b');
            """);
        var before = Sqlite(db, ".dump");

        var backup = (await RunAsync(service, "ops/backup/sqlite.sh")).ShouldSucceed("backup");
        var file = BackupFile(service, backup, "sqlite", ".db");
        File.ReadAllText(file + ".counts").ShouldBe("it's odd\t2\ntodos\t300\n");

        File.Delete(db);
        (await RunAsync(service, "ops/restore/sqlite.sh")).ShouldSucceed("restore into a missing file");
        Sqlite(db, ".dump").ShouldBe(before, "the restored data is identical");

        Sqlite(db, "DELETE FROM todos WHERE id > 10;");
        var refused = await RunAsync(service, "ops/restore/sqlite.sh");
        refused.ExitCode.ShouldNotBe(0);
        refused.Output.ShouldContain("the target is not empty");
        Sqlite(db, "SELECT count(*) FROM todos;").Trim().ShouldBe("10", "a refused restore keeps the data");
        (await RunAsync(service, "ops/restore/sqlite.sh", null, "--force")).ShouldSucceed("restore --force");
        Sqlite(db, ".dump").ShouldBe(before);

        var drill = (await RunAsync(service, "ops/drill/sqlite.sh")).ShouldSucceed("drill");
        DrillLine().IsMatch(drill.Output).ShouldBeTrue(drill.Output);

        // A manifest that disagrees with the backup is a failed drill.
        var counts = File.ReadAllText(file + ".counts");
        File.WriteAllText(file + ".counts", counts.Replace("todos\t300", "todos\t301", StringComparison.Ordinal));
        var mismatch = await RunAsync(service, "ops/drill/sqlite.sh");
        File.WriteAllText(file + ".counts", counts);
        mismatch.ExitCode.ShouldNotBe(0);
        mismatch.Output.ShouldContain("MISMATCH");

        // An RTO the restore cannot meet is a failed drill: backup.rto is read from the doc.
        var doc = Path.Combine(service, "docs", "data", "sqlite.md");
        var text = File.ReadAllText(doc);
        File.WriteAllText(doc, text.Replace("  rto: PT1H\n", "  rto: PT0S\n", StringComparison.Ordinal));
        var overrun = await RunAsync(service, "ops/drill/sqlite.sh");
        File.WriteAllText(doc, text);
        overrun.ExitCode.ShouldNotBe(0);
        overrun.Output.ShouldContain("RTO OVERRUN");

        // A read-only backup folder: a loud failure, and the last good backup is still there, unchanged.
        var folder = Path.GetDirectoryName(file)!;
        var listing = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();
        var bytes = File.ReadAllBytes(file);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            // root ignores file modes: run the script as an unprivileged user then.
            var readOnly = Environment.IsPrivilegedProcess
                ? await ProcessRunner.RunAsync("runuser", ["-u", "nobody", "--", "bash", "ops/backup/sqlite.sh"], service)
                : await RunAsync(service, "ops/backup/sqlite.sh");
            readOnly.ExitCode.ShouldNotBe(0);
            readOnly.Output.ShouldContain("cannot write to the backup folder backups/sqlite");
        }
        finally
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        string.Join('\n', Directory.GetFiles(folder).Order(StringComparer.Ordinal)).ShouldBe(string.Join('\n', listing), "no partial file is left and nothing is removed");
        File.ReadAllBytes(file).ShouldBe(bytes);
    }

    [RedisFact]
    public async Task Redis_backup_wipe_restore_is_identical_refuses_a_non_empty_target_and_the_drill_reports_a_time()
    {
        var service = await ServiceAsync();
        // The password comes from .env, as in a generated service (the fixture's random one replaces the generated one).
        var dotenv = Path.Combine(service, ".env");
        File.WriteAllText(dotenv, Regex.Replace(File.ReadAllText(dotenv), "^REDIS_PASSWORD=.*$", "REDIS_PASSWORD=" + redis.Password, RegexOptions.Multiline));
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__redis"] = redis.Endpoint, ["REDIS_PASSWORD"] = null };
        redis.Command("FLUSHALL").ShouldBe("+OK");
        for (var i = 0; i < 200; i++)
        {
            redis.Command("SET", $"redis:todo:{i}", $"value {i}", "EX", "3600").ShouldBe("+OK");
        }

        redis.Command("HSET", "redis:user:1", "name", "Ada", "email", "ada@example.org");
        redis.Command("SET", "redis:key with spaces", "x").ShouldBe("+OK");
        var before = await RedisDataAsync();

        var backup = (await RunAsync(service, "ops/backup/redis.sh", environment)).ShouldSucceed("backup");
        var file = BackupFile(service, backup, "redis", ".rdb");
        File.ReadAllText(file + ".counts").ShouldBe("db0\t202\n");

        redis.Command("FLUSHALL").ShouldBe("+OK");
        (await RunAsync(service, "ops/restore/redis.sh", environment)).ShouldSucceed("restore into the wiped Redis");
        (await RedisDataAsync()).ShouldBe(before, "the restored keys and values are identical");
        int.Parse(redis.Command("TTL", "redis:todo:7")[1..], CultureInfo.InvariantCulture).ShouldBeInRange(1, 3600, "TTLs come back with the keys");

        redis.Command("SET", "redis:written-after-the-backup", "1").ShouldBe("+OK");
        var refused = await RunAsync(service, "ops/restore/redis.sh", environment);
        refused.ExitCode.ShouldNotBe(0);
        refused.Output.ShouldContain("the target is not empty");
        redis.Command("DBSIZE").ShouldBe(":203", "a refused restore keeps the data");

        (await RunAsync(service, "ops/restore/redis.sh", environment, "--force")).ShouldSucceed("restore --force");
        (await RedisDataAsync()).ShouldBe(before, "--force replaces the data with the backup's");

        var drill = (await RunAsync(service, "ops/drill/redis.sh", environment)).ShouldSucceed("drill");
        DrillLine().IsMatch(drill.Output).ShouldBeTrue(drill.Output);
        drill.Output.ShouldContain("counts match");
    }

    [Fact]
    public async Task Every_generated_script_of_every_store_parses_passes_shellcheck_and_explains_itself()
    {
        var service = await hive.ScaffoldAsync("AllStores", "--no-restore", "--stores", "postgres", "--stores", "sqlite", "--stores", "mongodb",
            "--stores", "neo4j", "--stores", "elasticsearch", "--stores", "chroma", "--stores", "qdrant", "--stores", "redis");
        string[] datastores = ["main", "sqlite", "mongodb", "neo4j", "elasticsearch", "chroma", "qdrant", "redis"];
        var scripts = Directory.GetFiles(Path.Combine(service, "ops"), "*.sh", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(service, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
        foreach (var datastore in datastores)
        {
            foreach (var kind in new[] { "backup", "restore", "drill" })
            {
                scripts.ShouldContain($"ops/{kind}/{datastore}.sh");
            }

            // The doc names the backup script, so every build checks that it exists (STRATA1010).
            File.ReadAllText(Path.Combine(service, "docs", "data", datastore + ".md")).ShouldContain($"  script: ops/backup/{datastore}.sh\n");
        }

        foreach (var script in scripts)
        {
            (await ProcessRunner.RunAsync("bash", ["-n", script], service)).ShouldSucceed("bash -n " + script);
        }

        if (FindOnPath("shellcheck") is { } shellcheck)
        {
            (await ProcessRunner.RunAsync(shellcheck, ["-x", "-P", "SCRIPTDIR", "-s", "bash", .. scripts], service)).ShouldSucceed("shellcheck");
        }

        foreach (var script in scripts.Where(s => !Path.GetFileName(s).StartsWith('_')))
        {
            var help = (await RunAsync(service, script, null, "--help")).ShouldSucceed(script + " --help");
            help.Output.ShouldStartWith("Usage: " + script);
            var wrong = await RunAsync(service, script, null, "--no-such-option");
            wrong.ExitCode.ShouldNotBe(0, script);
            wrong.Output.TrimEnd().Split('\n')[^1].ShouldContain("error: ");
        }
    }

    [GeneratedRegex(@"drill: \S+ restored from backups/\S+ in \d+\.\d{3} s \(RTO PT1H = 3600 s\)")]
    private static partial Regex DrillLine();

    private async Task<string> ServiceAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return shared ??= await hive.ScaffoldAsync("Backed", "--no-restore", "--stores", "postgres", "--stores", "sqlite", "--stores", "redis");
        }
        finally
        {
            Gate.Release();
        }
    }

    private static Task<ProcessResult> RunAsync(string service, string script, IDictionary<string, string?>? environment = null, params string[] arguments) =>
        ProcessRunner.RunAsync("bash", [script, .. arguments], service, environment, TimeSpan.FromMinutes(2));

    /// <summary>The file the backup script printed: backups/&lt;datastore&gt;/&lt;datastore&gt;-&lt;UTC&gt;.&lt;ext&gt;.</summary>
    private static string BackupFile(string service, ProcessResult result, string datastore, string extension)
    {
        var line = result.Output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith($"backups/{datastore}/", StringComparison.Ordinal));
        line.ShouldMatch($@"^backups/{datastore}/{datastore}-\d{{8}}T\d{{6}}Z\{extension}$");
        var path = Path.Combine(service, line);
        File.Exists(path).ShouldBeTrue();
        Directory.GetFiles(Path.GetDirectoryName(path)!, "*.partial*").ShouldBeEmpty("no temporary file is left behind");
        return path;
    }

    private static string Sqlite(string db, string sql)
    {
        var result = ProcessRunner.RunAsync("sqlite3", ["-batch", "-bail", db, sql], Path.GetDirectoryName(db)!).GetAwaiter().GetResult();
        return result.ShouldSucceed("sqlite3 " + sql).Output;
    }

    /// <summary>Every key of db 0 with its value, sorted, read by one Lua script through redis-cli (not the scripts' code).</summary>
    private async Task<string> RedisDataAsync()
    {
        const string Lua = """
            local r = {}
            for _, k in ipairs(redis.call('KEYS', '*')) do
              local t = redis.call('TYPE', k).ok
              local v = t == 'string' and redis.call('GET', k) or table.concat(redis.call('HGETALL', k), ',')
              table.insert(r, k .. '=' .. v)
            end
            table.sort(r)
            return table.concat(r, '\n')
            """;
        var result = await ProcessRunner.RunAsync("redis-cli", ["-h", RedisServer.Host, "-p", redis.Port.ToString(CultureInfo.InvariantCulture), "--raw", "EVAL", Lua, "0"],
            Path.GetTempPath(), new Dictionary<string, string?> { ["REDISCLI_AUTH"] = redis.Password });
        return result.ShouldSucceed("redis-cli EVAL").Output;
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);
}
