using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Strata.Templates.Tests.Fakes;
using Strata.Templates.Tests.Infrastructure;
using Strata.Tests.Shared;

namespace Strata.Templates.Tests;

/// <summary>
/// The health checks strata-service generates for every store, end to end: scaffold, build with warnings as errors,
/// run against the real PostgreSQL and Redis started for this class and against fakes of MongoDB (OP_MSG), Neo4j
/// (Bolt handshake) and the HTTP stores, then break one store at a time and read /health. The probes' protocol code
/// (BSON, RESP, Bolt) is Strata.Hosting's, which the generated service references, so these fakes are its tests too.
/// </summary>
[Collection(TemplateCollection.Name)]
public sealed class StoreHealthTests(TemplateHive hive, PostgresServer postgres, RedisServer redis)
    : IClassFixture<PostgresServer>, IClassFixture<RedisServer>
{
    private const string AllStoresName = "Everything";
    private static readonly string[] AllStores = ["postgres", "sqlite", "mongodb", "neo4j", "elasticsearch", "chroma", "qdrant", "redis"];
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Built = new();

    [PostgresAndRedisFact]
    public async Task All_eight_stores_are_healthy_and_each_failure_makes_health_unhealthy_naming_that_store()
    {
        var service = await BuildOnceAsync(AllStoresName, AllStores);
        await using var fakes = new FakeStores();
        var (mongodb, neo4j, elasticsearch, chroma, qdrant) = (fakes.Mongodb, fakes.Neo4j, fakes.Elasticsearch, fakes.Chroma, fakes.Qdrant);
        var elasticPassword = "es-" + Guid.NewGuid().ToString("N");
        var qdrantKey = "qd-" + Guid.NewGuid().ToString("N");
        var environment = fakes.ConnectionStrings();
        environment["ConnectionStrings__main"] = postgres.ConnectionString(postgres.CreateDatabase());
        environment["ConnectionStrings__redis"] = redis.Endpoint;
        environment["ELASTIC_PASSWORD"] = elasticPassword;
        environment["QDRANT_API_KEY"] = qdrantKey;
        environment["REDIS_PASSWORD"] = redis.Password;

        await using var running = await RunningService.StartAsync(service, AllStoresName, environment);
        var healthy = await HealthAsync(running.Client);
        healthy.Status.ShouldBe("Healthy");
        healthy.Checks.Keys.ShouldBe(["main", "sqlite", "mongodb", "neo4j", "elasticsearch", "chroma", "qdrant", "redis"], ignoreOrder: true);
        healthy.Checks["mongodb"].Description.ShouldBe($"MongoDB datastore 'mongodb' at {mongodb.Endpoint}: hello ok (wire version 21)");
        healthy.Checks["neo4j"].Description.ShouldEndWith(": Bolt 5.4");
        healthy.Checks["redis"].Description.ShouldEndWith(": PONG");

        // /metrics labels the non-SQL stores with their engine: what their Grafana dashboards select by.
        var metrics = await running.Client.GetStringAsync("/metrics");
        metrics.ShouldContain("strata_datastore_up{datastore=\"chroma\",engine=\"chroma\"} 1\n");
        metrics.ShouldContain("strata_datastore_up{datastore=\"neo4j\",engine=\"neo4j\"} 1\n");
        metrics.ShouldContain("strata_datastore_up{datastore=\"main\"} 1\n");

        // What each probe really sent.
        mongodb.Commands.ShouldContain(c => c.Count == 2 && (int)c["hello"] == 1 && (string)c["$db"] == "admin");
        neo4j.Handshakes.ShouldAllBe(h => BoltFake.Proposes(h, 5, 4) && BoltFake.Proposes(h, 4, 4));
        elasticsearch.Requests.ShouldAllBe(r => r.Method == "GET" && r.Path == "/_cluster/health");
        elasticsearch.Requests.First().Headers["authorization"].ShouldBe("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("elastic:" + elasticPassword)));
        chroma.Requests.ShouldAllBe(r => r.Path == "/api/v2/heartbeat" && !r.Headers.ContainsKey("authorization"));
        qdrant.Requests.ShouldAllBe(r => r.Path == "/readyz" && r.Headers["api-key"] == qdrantKey);

        mongodb.Behavior = MongodbFake.Mode.NotOk;
        await ExpectUnhealthyAsync(running.Client, "mongodb", "MongoDB datastore 'mongodb'", "hello answered ok: 0 (node is recovering)");
        mongodb.Behavior = MongodbFake.Mode.Hang;
        await ExpectUnhealthyAsync(running.Client, "mongodb", "no answer within 3 s");
        mongodb.Behavior = MongodbFake.Mode.Healthy;

        neo4j.Behavior = BoltFake.Mode.NoVersion;
        await ExpectUnhealthyAsync(running.Client, "neo4j", "Neo4j datastore 'neo4j'", "none of the proposed Bolt versions");
        neo4j.Behavior = BoltFake.Mode.Http;
        await ExpectUnhealthyAsync(running.Client, "neo4j", "answers HTTP, not Bolt");
        neo4j.Behavior = BoltFake.Mode.Healthy;

        elasticsearch.Respond = _ => HttpStoreFake.ClusterHealth("yellow");
        (await HealthAsync(running.Client)).Checks["elasticsearch"].Description.ShouldEndWith("cluster status yellow");
        elasticsearch.Respond = _ => HttpStoreFake.ClusterHealth("red");
        await ExpectUnhealthyAsync(running.Client, "elasticsearch", "Elasticsearch datastore 'elasticsearch'", "cluster status red");
        elasticsearch.Respond = _ => new FakeResponse(HttpStatusCode.Unauthorized, """{"error":"unable to authenticate user [elastic]"}""");
        await ExpectUnhealthyAsync(running.Client, "elasticsearch", "HTTP 401", "password is wrong or missing (set ELASTIC_PASSWORD)");
        elasticsearch.Respond = _ => FakeStores.ElasticsearchGreen;

        chroma.Respond = _ => new FakeResponse(HttpStatusCode.NotFound, """{"detail":"Not Found"}""");
        await ExpectUnhealthyAsync(running.Client, "chroma", "Chroma datastore 'chroma'", "HTTP 404", "is this Chroma 1.x?");
        chroma.Respond = _ => new FakeResponse(HttpStatusCode.OK, """{"status":"ok"}""");
        await ExpectUnhealthyAsync(running.Client, "chroma", "without a 'nanosecond heartbeat'");
        chroma.Respond = _ => FakeStores.ChromaHeartbeat;

        qdrant.Respond = _ => new FakeResponse(HttpStatusCode.ServiceUnavailable, "some shards are not ready");
        await ExpectUnhealthyAsync(running.Client, "qdrant", "Qdrant datastore 'qdrant'", "HTTP 503", "some shards are not ready");
        qdrant.Respond = _ => new FakeResponse(HttpStatusCode.OK, "ok", Hang: true);
        await ExpectUnhealthyAsync(running.Client, "qdrant", "no answer within 3 s");
        qdrant.Respond = _ => FakeStores.QdrantReady;

        var password = redis.Password;
        redis.SetPassword("rotated-" + Guid.NewGuid().ToString("N"));
        try
        {
            await ExpectUnhealthyAsync(running.Client, "redis", $"Redis datastore 'redis' at {redis.Endpoint}", "AUTH refused: WRONGPASS");
        }
        finally
        {
            redis.SetPassword(password);
        }

        (await HealthAsync(running.Client)).Status.ShouldBe("Healthy");
        neo4j.Stop();
        await ExpectUnhealthyAsync(running.Client, "neo4j", $"Neo4j datastore 'neo4j' at {neo4j.Endpoint}", "refused");

        foreach (var fake in fakes.All)
        {
            fake.Errors.ShouldBeEmpty();
        }

        running.Log.ShouldNotContain(elasticPassword);
        running.Log.ShouldNotContain(redis.Password);
    }

    [PostgresAndRedisFact]
    public async Task In_development_the_secrets_come_from_dot_env_and_exported_variables_win()
    {
        var service = await BuildOnceAsync(AllStoresName, AllStores);
        await using var fakes = new FakeStores();
        await File.WriteAllTextAsync(Path.Combine(service, ".env"), $"""
            # written by the test: the format compose reads
            POSTGRES_PASSWORD={postgres.Password}
            export REDIS_PASSWORD='{redis.Password}'
            QDRANT_API_KEY="key from \"dotenv\"" # an inline comment
            ELASTIC_PASSWORD=overridden-by-the-environment

            MONGODB_PASSWORD=not-used-by-hello
            """);
        var environment = fakes.ConnectionStrings();
        // No password here and no PGPASSWORD: PostgreSQL's must come from .env's POSTGRES_PASSWORD.
        environment["ConnectionStrings__main"] = $"Host=127.0.0.1;Port={postgres.Port};Database={postgres.CreateDatabase()};Username={PostgresServer.User}";
        environment["PGPASSWORD"] = "";
        environment["ConnectionStrings__neo4j"] = $"neo4j://{fakes.Neo4j.Endpoint}";
        environment["ConnectionStrings__redis"] = redis.Endpoint;
        environment["ELASTIC_PASSWORD"] = "from-the-environment";

        await using var running = await RunningService.StartAsync(service, AllStoresName, environment);
        var health = await HealthAsync(running.Client);
        health.Status.ShouldBe("Healthy", string.Join('\n', health.Checks.Select(c => $"{c.Key}: {c.Value.Description}")));
        fakes.Qdrant.Requests.ShouldAllBe(r => r.Headers["api-key"] == "key from \"dotenv\"");
        fakes.Elasticsearch.Requests.ShouldAllBe(r => r.Headers["authorization"] == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("elastic:from-the-environment")));
    }

    [Theory]
    [InlineData("mongodb")]
    [InlineData("neo4j")]
    [InlineData("elasticsearch")]
    [InlineData("chroma")]
    [InlineData("qdrant")]
    public async Task A_service_with_one_store_that_is_not_sql_builds_and_runs_healthy(string store)
    {
        var certificate = store == "mongodb" ? LoopbackCertificate.Create() : null;
        try
        {
            await using FakeTcpServer fake = store switch
            {
                "mongodb" => new MongodbFake(certificate),
                "neo4j" => new BoltFake(),
                "elasticsearch" => new HttpStoreFake(_ => FakeStores.ElasticsearchGreen),
                "chroma" => new HttpStoreFake(_ => FakeStores.ChromaHeartbeat),
                _ => new HttpStoreFake(_ => FakeStores.QdrantReady),
            };
            var environment = new Dictionary<string, string?>
            {
                // The fake answers health probes only; applying schema files is SchemaApplyTests' subject.
                ["Strata__ApplyStoreSchemasAtStartup"] = "false",
                ["ConnectionStrings__" + store] = store switch
                {
                    // MongoDB over TLS: the fake's certificate is the only root the service trusts (SSL_CERT_FILE).
                    "mongodb" => $"mongodb://app@{fake.Endpoint}/?authSource=admin&tls=true",
                    "neo4j" => $"bolt://{fake.Endpoint}",
                    // Credentials in the URL: sent as basic auth, never shown in a description.
                    "elasticsearch" => $"http://ops:url-secret@{fake.Endpoint}",
                    _ => $"http://{fake.Endpoint}",
                },
            };
            var service = await BuildOnceAsync("Solo" + char.ToUpperInvariant(store[0]) + store[1..], [store]);
            if (certificate is not null)
            {
                environment["SSL_CERT_FILE"] = LoopbackCertificate.WritePem(certificate, service);
            }

            var health = await AssertSoloServiceAsync(service, store, environment);
            fake.Errors.ShouldBeEmpty();
            if (store == "elasticsearch")
            {
                ((HttpStoreFake)fake).Requests.ShouldAllBe(r => r.Headers["authorization"] == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:url-secret")));
                health.Checks[store].Description.ShouldBe($"Elasticsearch datastore 'elasticsearch' at http://{fake.Endpoint}: cluster status green");
            }
        }
        finally
        {
            certificate?.Dispose();
        }
    }

    [RedisFact]
    public async Task A_service_with_only_redis_builds_runs_and_has_nothing_to_migrate()
    {
        var service = await BuildOnceAsync("SoloRedis", ["redis"]);
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__redis"] = $"{redis.Endpoint},abortConnect=false",
            ["REDIS_PASSWORD"] = redis.Password,
        };
        (await AssertSoloServiceAsync(service, "redis", environment)).Checks["redis"].Description.ShouldBe($"Redis datastore 'redis' at {redis.Endpoint}: PONG");
    }

    private static async Task<Health> AssertSoloServiceAsync(string service, string store, Dictionary<string, string?> environment)
    {
        var name = Path.GetFileName(service);
        File.Exists(Path.Combine(service, "Todos", "TodoEndpoints.cs")).ShouldBeFalse("no SQL store, no /todos");
        if (store is "mongodb" or "redis")
        {
            // No SQL and no schema the service applies (MongoDB's is the compose schema service's; Redis has none).
            var migrate = await ProcessRunner.RunAsync("dotnet", [Path.Combine(service, "bin", "Debug", "net10.0", name + ".dll"), "migrate"], service, environment);
            migrate.ShouldSucceed("migrate").Output.ShouldContain("This service has no SQL datastore: there are no migrations to apply.");
        }

        await using var running = await RunningService.StartAsync(service, name, environment);
        var health = await HealthAsync(running.Client);
        health.Status.ShouldBe("Healthy");
        health.Checks.Keys.ShouldBe([store]);
        (await running.Client.GetAsync("/todos")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        return health;
    }

    /// <summary>dotnet new + dotnet build -warnaserror once per combination, shared by the tests that run it.</summary>
    private Task<string> BuildOnceAsync(string name, string[] stores) =>
        Built.GetOrAdd(name, _ => new Lazy<Task<string>>(async () =>
        {
            var service = await hive.ScaffoldAsync(name, [.. stores.SelectMany(store => new[] { "--stores", store })]);
            var build = (await hive.DotnetAsync(service, "build", "-nologo", "-tl:off", "-warnaserror")).ShouldSucceed($"build of --stores {string.Join(' ', stores)}");
            build.Output.ShouldContain("0 Warning(s)");
            foreach (var file in Directory.EnumerateFiles(service, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
            {
                (await File.ReadAllTextAsync(file)).ShouldNotContain("//#", customMessage: $"{file} keeps a template directive");
            }

            return service;
        })).Value;

    private static async Task ExpectUnhealthyAsync(HttpClient client, string store, params string[] fragments)
    {
        var health = await HealthAsync(client);
        health.HttpStatus.ShouldBe(HttpStatusCode.ServiceUnavailable);
        health.Status.ShouldBe("Unhealthy");
        var check = health.Checks[store];
        check.Status.ShouldBe("Unhealthy");
        foreach (var fragment in fragments)
        {
            check.Description.ShouldContain(fragment);
        }

        health.Checks.Where(c => c.Key != store).ShouldAllBe(c => c.Value.Status == "Healthy");
    }

    private static async Task<Health> HealthAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await client.SendAsync(request);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var checks = json.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => new Check(c.GetProperty("status").GetString()!, c.GetProperty("description").GetString() ?? ""));
        return new Health(response.StatusCode, json.GetProperty("status").GetString()!, checks);
    }

    private sealed record Health(HttpStatusCode HttpStatus, string Status, Dictionary<string, Check> Checks);

    private sealed record Check(string Status, string Description);
}

/// <summary>A [Fact] that needs both throwaway servers: skipped when either is missing, unless CI=true.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresAndRedisFactAttribute : FactAttribute
{
    public PostgresAndRedisFactAttribute()
    {
        if (PostgresServer.ShouldSkip || RedisServer.ShouldSkip)
        {
            Skip = PostgresServer.ShouldSkip ? PostgresServer.MissingReason : RedisServer.MissingReason;
        }
    }
}
