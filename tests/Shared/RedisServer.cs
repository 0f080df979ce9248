using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Strata.Tests.Shared;

/// <summary>
/// A throwaway Redis for tests: <c>redis-server</c> (apt <c>redis-server</c>) as a child process on 127.0.0.1 with a
/// random free port, a random <c>requirepass</c> and a fresh temp folder, no persistence; killed and deleted on dispose.
/// Never touches a machine-wide service. Use it as a class fixture with <see cref="RedisFactAttribute"/> instead of
/// <c>[Fact]</c>: a machine without redis-server skips, but under CI=true the fixture fails the test.
/// </summary>
public sealed class RedisServer : IDisposable
{
    public const string Host = "127.0.0.1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private readonly object gate = new();
    private readonly StringBuilder log = new();
    private Process? process;

    public RedisServer()
    {
        Password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Folder = Path.Combine(Path.GetTempPath(), "strata-redis-" + Guid.NewGuid().ToString("N")[..12]);
        var executable = FindExecutable();
        if (executable is null)
        {
            // xunit builds class fixtures even when every test is skipped: only CI=true turns this into a failure.
            if (!ShouldSkip)
            {
                throw new InvalidOperationException(MissingReason);
            }

            return;
        }

        Directory.CreateDirectory(Folder);
        try
        {
            Start(executable);
        }
        catch
        {
            Dispose();
            throw;
        }

        // A test run that ends without disposing fixtures must not leave a server behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public static string MissingReason =>
        "redis-server was not found on PATH or in STRATA_REDIS_SERVER; run eng/install-test-deps.sh (apt-get install redis-server). " +
        "Under CI=true this is a failure, not a skip.";

    /// <summary>True when redis-server is missing and CI is not "true": the tests skip instead of failing.</summary>
    public static bool ShouldSkip =>
        FindExecutable() is null && !RequiredTool.UnderCi;

    public string Folder { get; }

    public int Port { get; private set; }

    /// <summary>The password the server requires (AUTH); <see cref="SetPassword"/> changes it while it runs.</summary>
    public string Password { get; private set; }

    /// <summary>host:port, the shape StackExchange.Redis-style connection strings start with.</summary>
    public string Endpoint => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static string? FindExecutable()
    {
        var overridden = Environment.GetEnvironmentVariable("STRATA_REDIS_SERVER");
        if (!string.IsNullOrEmpty(overridden))
        {
            return File.Exists(overridden) ? overridden : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, "redis-server"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Changes requirepass on the running server (a client with the old password is then refused).</summary>
    public void SetPassword(string password)
    {
        var reply = Command("CONFIG", "SET", "requirepass", password);
        Password = reply == "+OK" ? password : throw new InvalidOperationException($"CONFIG SET requirepass failed: {reply}");
    }

    /// <summary>One command over RESP after AUTH with the current password; returns the first reply line.</summary>
    public string Command(params string[] command)
    {
        using var client = new TcpClient(Host, Port);
        using var stream = client.GetStream();
        stream.ReadTimeout = 10_000;
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        Send(stream, "AUTH", Password);
        var auth = reader.ReadLine();
        if (auth != "+OK")
        {
            throw new InvalidOperationException($"AUTH against the test Redis failed: {auth}");
        }

        Send(stream, command);
        return reader.ReadLine() ?? "";
    }

    public void Dispose()
    {
        Process? running;
        lock (gate)
        {
            running = process;
            process = null;
        }

        if (running is not null)
        {
            try
            {
                if (!running.HasExited)
                {
                    running.Kill();
                    running.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            running.Dispose();
        }

        try
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not worth failing a run over.
        }
    }

    private void Start(string executable)
    {
        // A free port can be taken between choosing and binding it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            var start = new ProcessStartInfo(executable)
            {
                WorkingDirectory = Folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "--bind", Host, "--port", Port.ToString(CultureInfo.InvariantCulture), "--dir", Folder, "--requirepass", Password,
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes", "--logfile", "",
            })
            {
                start.ArgumentList.Add(arg);
            }

            var started = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
            started.OutputDataReceived += (_, e) => Append(e.Data);
            started.ErrorDataReceived += (_, e) => Append(e.Data);
            started.BeginOutputReadLine();
            started.BeginErrorReadLine();
            lock (gate)
            {
                process = started;
            }

            if (WaitUntilReady(started))
            {
                return;
            }

            started.Dispose();
            lock (gate)
            {
                process = null;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"redis-server did not start on {Host}:{Port}:\n{Log}");
            }
        }
    }

    private bool WaitUntilReady(Process started)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (started.HasExited)
            {
                return false;
            }

            try
            {
                if (Command("PING") == "+PONG")
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or InvalidOperationException)
            {
                // Not listening yet.
            }

            Thread.Sleep(50);
        }

        started.Kill();
        return false;
    }

    private string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static void Send(Stream stream, params string[] command)
    {
        var request = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
        foreach (var part in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        stream.Write(Encoding.UTF8.GetBytes(request.ToString()));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A [Fact] that is skipped when redis-server is missing, unless CI=true (then the fixture fails the test).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.ShouldSkip)
        {
            Skip = RedisServer.MissingReason;
        }
    }
}
