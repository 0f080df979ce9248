using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Strata.Tests.Shared;

/// <summary>
/// PostgreSQL 17 with pgvector, in memory: PGlite's socket server (installed by eng/install-test-deps.sh into
/// .tools/npm) on 127.0.0.1 and a random free port, killed on dispose. One connection at a time, no TLS: clients need
/// sslmode=disable. Missing: the test is skipped, except under CI=true, where the constructor fails it.
/// </summary>
public sealed class PgliteServer : IDisposable
{
    private readonly Process? _process;
    private readonly StringBuilder _log = new();

    public PgliteServer()
    {
        if (ServerPath is not { } server)
        {
            if (RequiredTool.UnderCi)
            {
                throw new InvalidOperationException(MissingReason);
            }

            return;
        }

        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add($"--port={Port.ToString(CultureInfo.InvariantCulture)}");
        start.ArgumentList.Add("--host=127.0.0.1");
        start.ArgumentList.Add("--extensions=vector");
        _process = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        _process.OutputDataReceived += (_, e) =>
        {
            lock (_log)
            {
                _log.AppendLine(e.Data);
            }

            if (e.Data?.Contains("listening", StringComparison.OrdinalIgnoreCase) == true)
            {
                ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            Dispose();
            throw new InvalidOperationException("PGlite did not start in 60 s:\n" + _log);
        }
    }

    public int Port { get; }

    public static string? ServerPath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ".tools", "npm", "node_modules", ".bin", "pglite-server");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }

    public static string MissingReason => "PGlite is not installed in .tools/npm (run eng/install-test-deps.sh)";

    public static bool ShouldSkip => ServerPath is null && !RequiredTool.UnderCi;

    /// <summary>Environment for libpq clients (psql): no TLS, the server's fixed user and any password.</summary>
    public static IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string>
    {
        ["PGSSLMODE"] = "disable",
        ["PGPASSWORD"] = "unused",
    };

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
    }
}

/// <summary>A [Fact] that is skipped when PGlite is not installed, unless CI=true.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PgliteFactAttribute : FactAttribute
{
    public PgliteFactAttribute()
    {
        if (PgliteServer.ShouldSkip)
        {
            Skip = PgliteServer.MissingReason;
        }
    }
}
