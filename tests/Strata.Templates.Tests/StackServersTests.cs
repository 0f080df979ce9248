using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Strata.Templates.Tests.Infrastructure;
using Strata.Tests.Shared;
using YamlDotNet.RepresentationModel;

namespace Strata.Templates.Tests;

/// <summary>
/// What of a generated stack can run here runs: the PostgreSQL and Redis services' own settings and health-check
/// commands, read from the generated compose.yaml and .env, against servers from apt; and the pgvector flavor's
/// migrations against PostgreSQL 17 + pgvector (PGlite). The containers cannot run here (no Docker engine).
/// </summary>
[Collection(TemplateCollection.Name)]
public sealed class StackServersTests(TemplateHive hive, PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [PostgresFact]
    public async Task The_postgres_health_check_passes_on_the_init_settings_and_fails_on_a_wrong_password_or_database()
    {
        var service = await hive.ScaffoldAsync("Ledger", "--no-restore", "--stores", "postgres");
        var stack = GeneratedStack.Load(service);
        var main = stack.Service("main");
        var user = main.Environment["POSTGRES_USER"];
        var database = main.Environment["POSTGRES_DB"];
        var password = stack.Secret("POSTGRES_PASSWORD");

        // What the image's entrypoint does with these settings: a superuser POSTGRES_USER and a database POSTGRES_DB.
        var role = user + "_" + Guid.NewGuid().ToString("N")[..6];
        var db = database + "_" + Guid.NewGuid().ToString("N")[..6];
        postgres.Psql("postgres", "-c", $"CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{password}'");
        postgres.Psql("postgres", "-c", $"CREATE DATABASE {db} OWNER {role}");

        var environment = new Dictionary<string, string>
        {
            ["POSTGRES_USER"] = role, ["POSTGRES_DB"] = db, ["POSTGRES_PASSWORD"] = password,
            ["PGPORT"] = postgres.Port.ToString(CultureInfo.InvariantCulture),
            ["PATH"] = postgres.BinDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        };
        main.RunHealthCheck(environment).ShouldBe(0, "healthy on the stack's own settings");
        main.RunHealthCheck(new(environment) { ["POSTGRES_PASSWORD"] = "wrong" }).ShouldNotBe(0, "a wrong password is unhealthy");
        main.RunHealthCheck(new(environment) { ["POSTGRES_DB"] = "missing_db" }).ShouldNotBe(0, "a missing database is unhealthy");
    }

    [Fact]
    public async Task The_redis_command_starts_a_password_protected_lru_cache_and_its_health_check_needs_the_password()
    {
        var redisServer = RedisBinary("redis-server");
        if (redisServer is null)
        {
            return;
        }

        var service = await hive.ScaffoldAsync("Cache", "--no-restore", "--stores", "redis");
        var stack = GeneratedStack.Load(service);
        var redis = stack.Service("redis");
        var password = stack.Secret("REDIS_PASSWORD");
        redis.Command[0].ShouldBe("sh");
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("strata-redis-").FullName;
        var script = GeneratedStack.Unescape(redis.Command[2]) + $" --port {port} --bind 127.0.0.1 --dir {data} --daemonize no";
        using var server = Start("sh", ["-c", script], new() { ["REDIS_PASSWORD"] = password, ["PATH"] = Path.GetDirectoryName(redisServer)! + ":" + Environment.GetEnvironmentVariable("PATH") });
        try
        {
            await WaitForPort(port, server);
            var environment = new Dictionary<string, string> { ["REDIS_PASSWORD"] = password };
            redis.RunHealthCheck(environment, s => s.Replace("redis-cli -h 127.0.0.1", $"redis-cli -h 127.0.0.1 -p {port}", StringComparison.Ordinal))
                .ShouldBe(0, "healthy with the password from .env");
            redis.RunHealthCheck(new(environment) { ["REDIS_PASSWORD"] = "wrong" }, s => s.Replace("redis-cli -h 127.0.0.1", $"redis-cli -h 127.0.0.1 -p {port}", StringComparison.Ordinal))
                .ShouldNotBe(0, "redis-cli exits 0 on WRONGPASS; the check must not");
            RedisCli(port, password, "CONFIG", "GET", "maxmemory-policy").ShouldContain("allkeys-lru");
            RedisCli(port, password, "CONFIG", "GET", "appendonly").ShouldContain("yes");
            RedisCli(port, "", "PING").ShouldNotContain("PONG");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>
    /// The HTTP stores' health-check commands (bash's /dev/tcp for Chroma and Qdrant, curl for Elasticsearch) against a
    /// local stand-in on the port the command names: healthy on 200, unhealthy on an error status or a closed port.
    /// </summary>
    [Theory]
    [InlineData("chroma", 8000, "/api/v2/heartbeat")]
    [InlineData("qdrant", 6333, "/readyz")]
    [InlineData("elasticsearch", 9200, "/_cluster/health")]
    public async Task An_http_stores_health_check_command_passes_on_200_and_fails_otherwise(string store, int port, string path)
    {
        var service = await hive.ScaffoldAsync("Http" + store, "--no-restore", "--stores", store);
        var check = GeneratedStack.Load(service).Service(store);
        var environment = new Dictionary<string, string> { ["ELASTIC_PASSWORD"] = "pw" };
        var local = FreePort();
        string Adapt(string script) => script.Replace($"127.0.0.1/{port}", $"127.0.0.1/{local}", StringComparison.Ordinal)
            .Replace($"127.0.0.1:{port}", $"127.0.0.1:{local}", StringComparison.Ordinal);

        foreach (var (status, healthy) in new[] { (200, true), (503, false) })
        {
            using var listener = new System.Net.HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{local}/");
            listener.Prefixes.Add($"http://localhost:{local}/"); // the /dev/tcp checks send "Host: localhost"
            listener.Start();
            var requests = new List<string>();
            var serve = Task.Run(async () =>
            {
                var context = await listener.GetContextAsync();
                requests.Add(context.Request.Url!.AbsolutePath + " " + context.Request.Headers["Authorization"]);
                context.Response.StatusCode = status;
                await context.Response.OutputStream.WriteAsync("{}"u8.ToArray());
                context.Response.Close();
            });
            var exit = check.RunHealthCheck(environment, Adapt);
            await serve.WaitAsync(TimeSpan.FromSeconds(10));
            (exit == 0).ShouldBe(healthy, $"{store} on HTTP {status}");
            requests.Single().ShouldStartWith(path);
            if (store == "elasticsearch")
            {
                requests.Single().ShouldEndWith("Basic " + Convert.ToBase64String("elastic:pw"u8.ToArray()));
            }
        }

        check.RunHealthCheck(environment, Adapt).ShouldNotBe(0, "nothing listens: unhealthy");
    }

    [PgliteFact]
    public async Task The_pgvector_flavor_enables_the_extension_on_postgres_17()
    {
        using var pglite = new PgliteServer();
        var service = await hive.ScaffoldAsync("Vectors", "--stores", "postgres", "--postgres-flavor", "pgvector");
        File.Exists(Path.Combine(service, "db/main/migrations/0002_enable_vector.sql")).ShouldBeTrue();
        (await hive.DotnetAsync(service, "build", "-warnaserror", "-nologo", "-tl:off", "-v:m")).ShouldSucceed("build")
            .Output.ShouldContain("Strata: main (postgres): 2 migrations (0001..0002)");
        var script = Path.Combine(service, "obj/strata/main/migrate.sql");
        Psql(pglite, "-f", script);
        Psql(pglite, "-f", script);
        Psql(pglite, "-At", "-c", "SELECT current_setting('server_version_num')::int / 10000").Trim().ShouldBe("17");
        Psql(pglite, "-At", "-c", "SELECT extname FROM pg_extension WHERE extname = 'vector'").Trim().ShouldBe("vector");
        Psql(pglite, "-At", "-c", "SELECT string_agg(version, ',' ORDER BY version) FROM strata_schema_history").Trim().ShouldBe("1,2");
        Psql(pglite, "-At", "-c", "SELECT '[1,2]'::vector <-> '[1,3]'::vector").Trim().ShouldBe("1");
    }

    private static string Psql(PgliteServer pglite, params string[] args)
    {
        var bin = PostgresServer.FindBinDirectory() ?? throw new InvalidOperationException("psql not found");
        var environment = PgliteServer.ClientEnvironment.ToDictionary();
        using var process = Start(Path.Combine(bin, "psql"),
            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", pglite.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres", .. args], environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error);
        return output.Result;
    }

    private static string? RedisBinary(string name)
    {
        var path = Path.Combine("/usr/bin", name);
        if (File.Exists(path))
        {
            return path;
        }

        return RequiredTool.UnderCi
            ? throw new InvalidOperationException($"{name} is required under CI=true; run eng/install-test-deps.sh")
            : null;
    }

    private static string RedisCli(int port, string password, params string[] args)
    {
        using var process = Start("redis-cli", ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), .. args], new() { ["REDISCLI_AUTH"] = password });
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    private static Process Start(string file, IEnumerable<string> args, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPort(int port, Process server)
    {
        for (var i = 0; i < 100; i++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException("redis-server exited: " + await server.StandardError.ReadToEndAsync() + await server.StandardOutput.ReadToEndAsync());
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("redis-server did not listen in 10 s");
    }
}

/// <summary>A scaffolded compose.yaml and .env, read with YamlDotNet the way the tests need them.</summary>
public sealed class GeneratedStack
{
    private readonly YamlMappingNode _services;
    private readonly Dictionary<string, string> _secrets;

    private GeneratedStack(YamlMappingNode services, Dictionary<string, string> secrets) => (_services, _secrets) = (services, secrets);

    public static GeneratedStack Load(string service)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(service, "compose.yaml")))
        {
            yaml.Load(reader);
        }

        var secrets = File.ReadAllLines(Path.Combine(service, ".env"))
            .Where(l => l.Contains('=') && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
        return new GeneratedStack((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"], secrets);
    }

    public string Secret(string variable) => _secrets[variable];

    public ComposeService Service(string name) => new((YamlMappingNode)_services[name]);

    /// <summary>Compose turns '$$' into '$' before the container's shell sees the text.</summary>
    public static string Unescape(string text) => text.Replace("$$", "$", StringComparison.Ordinal);
}

public sealed class ComposeService(YamlMappingNode node)
{
    public IReadOnlyDictionary<string, string> Environment =>
        ((YamlMappingNode)node["environment"]).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!);

    public IReadOnlyList<string> Command => [.. ((YamlSequenceNode)node["command"]).Children.Select(c => ((YamlScalarNode)c).Value!)];

    /// <summary>Runs the CMD-SHELL health check as the container would (sh -c), with <paramref name="environment"/>; returns its exit code.</summary>
    public int RunHealthCheck(Dictionary<string, string> environment, Func<string, string>? adapt = null)
    {
        var test = ((YamlSequenceNode)((YamlMappingNode)node["healthcheck"])["test"]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        test[0].ShouldBe("CMD-SHELL");
        var script = (adapt ?? (s => s))(GeneratedStack.Unescape(test[1]));
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["PGCONNECT_TIMEOUT"] = "5";
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit(30_000).ShouldBeTrue("the health check finished within 30 s");
        return process.ExitCode;
    }
}
