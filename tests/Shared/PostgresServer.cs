using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Strata.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL cluster for tests: initdb into a fresh temp folder, started on 127.0.0.1 with a random
/// free port and a random password (scram-sha-256 over TCP), stopped with <c>pg_ctl -m immediate</c> and deleted on
/// dispose. Never touches a machine-wide service. initdb and postgres refuse to run as root, so as root the folder is
/// handed to the <c>postgres</c> system user and the binaries run through <c>runuser</c>.
/// <para>
/// Use it as a collection fixture: <c>[Collection(PostgresServer.Collection)]</c> on the test class, the
/// <see cref="PostgresCollection"/> definition is linked in with this file, and <see cref="PostgresFactAttribute"/>
/// instead of <c>[Fact]</c> so that a machine without PostgreSQL skips (but CI=true fails).
/// </para>
/// </summary>
public sealed class PostgresServer : IDisposable
{
    public const string Collection = "PostgreSQL server";
    public const string Host = "127.0.0.1";
    public const string User = "postgres";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly object gate = new();
    private bool stopped;

    public PostgresServer()
    {
        RunsAsRoot = Environment.IsPrivilegedProcess;
        Password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Folder = Path.Combine(Path.GetTempPath(), "strata-pg-" + Guid.NewGuid().ToString("N")[..12]);
        DataDirectory = Path.Combine(Folder, "data");
        var bin = FindBinDirectory();
        if (bin is null)
        {
            // xunit builds collection fixtures even when every test is skipped: only CI=true turns this into a failure.
            stopped = true;
            BinDirectory = string.Empty;
            if (!ShouldSkip)
            {
                throw new InvalidOperationException(MissingReason);
            }

            return;
        }

        BinDirectory = bin;
        Directory.CreateDirectory(Folder);
        try
        {
            Initialize();
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }

        // Belt and braces: a test run that ends without disposing collection fixtures must not leave a server behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    /// <summary>Why the tests are skipped, when they are.</summary>
    public static string MissingReason =>
        "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found under /usr/lib/postgresql/*/bin or in STRATA_PG_BIN; " +
        "run eng/install-test-deps.sh (apt-get install postgresql). Under CI=true this is a failure, not a skip.";

    /// <summary>True when binaries are missing and CI is not "true": the tests skip instead of failing.</summary>
    public static bool ShouldSkip =>
        FindBinDirectory() is null && !RequiredTool.UnderCi;

    public string BinDirectory { get; }

    public string Folder { get; }

    public string DataDirectory { get; }

    public int Port { get; private set; }

    public string Password { get; }

    /// <summary>Server major version, e.g. 15.</summary>
    public int MajorVersion { get; private set; }

    private bool RunsAsRoot { get; }

    /// <summary>The highest /usr/lib/postgresql/&lt;major&gt;/bin with initdb and pg_ctl, or STRATA_PG_BIN; null when none.</summary>
    public static string? FindBinDirectory()
    {
        var overridden = Environment.GetEnvironmentVariable("STRATA_PG_BIN");
        if (!string.IsNullOrEmpty(overridden))
        {
            return HasServer(overridden) ? overridden : null;
        }

        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Major: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : -1))
            .Where(x => x.Major > 0 && HasServer(x.Dir))
            .OrderByDescending(x => x.Major)
            .Select(x => x.Dir)
            .FirstOrDefault();

        static bool HasServer(string dir) =>
            File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));
    }

    /// <summary>A key=value connection string (Npgsql and libpq both read this shape) for one database.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host={Host};Port={Port.ToString(CultureInfo.InvariantCulture)};Username={User};Password={Password};Database={database}";

    /// <summary>A fresh empty database <c>t_&lt;guid&gt;</c>; databases die with the server, so no cleanup is needed.</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        Psql("postgres", "-c", $"CREATE DATABASE {name}");
        return name;
    }

    /// <summary>The psql next to the server binaries, or the one on PATH.</summary>
    public string PsqlPath => Tool("psql");

    public string Tool(string name)
    {
        var local = Path.Combine(BinDirectory, name);
        return File.Exists(local) ? local : name;
    }

    /// <summary>Runs psql against a database (no psqlrc, quiet, ON_ERROR_STOP); throws with its output on a non-zero exit.</summary>
    public ToolResult Psql(string database, params string[] args)
    {
        var result = RunClient(PsqlPath, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", Host, "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", User, "-d", database, .. args]);
        return result.ExitCode == 0 ? result : throw new InvalidOperationException($"psql {string.Join(' ', args)} exited with {result.ExitCode}:\n{result.Output}");
    }

    /// <summary>One value per row of the first column, via psql (no driver needed in the test project).</summary>
    public List<string> Query(string database, string sql) =>
        Psql(database, "-A", "-t", "-c", sql).StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>Runs a client tool (psql, pg_dump) with PGPASSWORD set; the caller decides what a non-zero exit means.</summary>
    public ToolResult RunClient(string fileName, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGPASSWORD"] = Password;
        start.Environment["PGCONNECT_TIMEOUT"] = "10";
        return Run(start, timeout ?? CommandTimeout);
    }

    /// <summary><c>pg_dump --schema-only</c> of a database, without the lines that differ between otherwise equal dumps.</summary>
    public string SchemaDump(string database)
    {
        var result = RunClient(Tool("pg_dump"), ["--schema-only", "--no-owner", "-h", Host, "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", User, database]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_dump exited with {result.ExitCode}:\n{result.Output}");
        }

        // pg_dump 15.14+ brackets the dump with \restrict/\unrestrict and a random key: not part of the schema.
        return string.Join('\n', result.StandardOutput.Split('\n').Where(l =>
            !l.StartsWith("-- Dumped", StringComparison.Ordinal) && !l.StartsWith("\\restrict ", StringComparison.Ordinal) && !l.StartsWith("\\unrestrict ", StringComparison.Ordinal)));
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            stopped = true;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                RunServerTool("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            // Still delete what we can; a stuck server is visible in the next failing test anyway.
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not worth failing a run over.
        }
    }

    private void Initialize()
    {
        var passwordFile = Path.Combine(Folder, "pwfile");
        File.WriteAllText(passwordFile, Password + "\n");
        if (RunsAsRoot)
        {
            // The postgres user owns the whole folder (data directory, socket, log); nobody else may read the password.
            Check(Run(new ProcessStartInfo("chown", ["-R", "postgres:postgres", Folder]), CommandTimeout), "chown");
        }

        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Check(
            RunServerTool("initdb", ["-D", DataDirectory, "-U", User, "--auth-host=scram-sha-256", "--auth-local=trust", "--pwfile=" + passwordFile, "--encoding=UTF8", "--locale=C", "--no-sync"]),
            "initdb");
        File.Delete(passwordFile);
        MajorVersion = int.Parse(File.ReadAllText(Path.Combine(DataDirectory, "PG_VERSION")).Trim(), CultureInfo.InvariantCulture);
    }

    private void Start()
    {
        // A free port can be taken between choosing and binding it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var options = $"-c listen_addresses={Host} -p {Port.ToString(CultureInfo.InvariantCulture)} -k {Folder} -c fsync=off -c full_page_writes=off -c max_connections=200";
            var result = RunServerTool("pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(Folder, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
            if (result.ExitCode == 0)
            {
                return;
            }

            if (attempt == 3)
            {
                var log = Path.Combine(Folder, "server.log");
                throw new InvalidOperationException($"pg_ctl start failed ({result.ExitCode}):\n{result.Output}\n{(File.Exists(log) ? File.ReadAllText(log) : "")}");
            }
        }
    }

    /// <summary>Server binaries as the folder's owner: directly, or through runuser when this process is root.</summary>
    private ToolResult RunServerTool(string tool, IReadOnlyList<string> args)
    {
        var path = Path.Combine(BinDirectory, tool);
        var start = RunsAsRoot ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", path, .. args]) : new ProcessStartInfo(path, args);
        start.WorkingDirectory = Folder;
        return Run(start, CommandTimeout);
    }

    private static ToolResult Check(ToolResult result, string what) =>
        result.ExitCode == 0 ? result : throw new InvalidOperationException($"{what} exited with {result.ExitCode}:\n{result.Output}");

    private static ToolResult Run(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds} s.");
        }

        process.WaitForExit();
        return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Exit code and captured output of a tool run.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => new StringBuilder(StandardOutput).Append(StandardError).ToString();
}

/// <summary>One server per test assembly run, shared by every class in the collection.</summary>
[CollectionDefinition(PostgresServer.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
}

/// <summary>A [Fact] that is skipped when no PostgreSQL binaries exist, unless CI=true (then the fixture fails the test).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.ShouldSkip)
        {
            Skip = PostgresServer.MissingReason;
        }
    }
}

/// <summary>The [Theory] form of <see cref="PostgresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (PostgresServer.ShouldSkip)
        {
            Skip = PostgresServer.MissingReason;
        }
    }
}
