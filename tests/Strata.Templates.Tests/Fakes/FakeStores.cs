using System.Net;

namespace Strata.Templates.Tests.Fakes;

/// <summary>
/// One healthy fake of each store that cannot run here (MongoDB, Neo4j, Elasticsearch, Chroma, Qdrant), with the
/// connection strings that point a generated service at them under the default datastore names.
/// </summary>
public sealed class FakeStores : IAsyncDisposable
{
    public static readonly FakeResponse ElasticsearchGreen = HttpStoreFake.ClusterHealth("green");
    public static readonly FakeResponse ChromaHeartbeat = FakeResponse.Json("""{"nanosecond heartbeat":1732000000000000000}""");
    public static readonly FakeResponse QdrantReady = new(HttpStatusCode.OK, "all shards are ready");

    public MongodbFake Mongodb { get; } = new();

    public BoltFake Neo4j { get; } = new();

    public HttpStoreFake Elasticsearch { get; } = new(_ => ElasticsearchGreen);

    public HttpStoreFake Chroma { get; } = new(_ => ChromaHeartbeat);

    public HttpStoreFake Qdrant { get; } = new(_ => QdrantReady);

    public IEnumerable<FakeTcpServer> All => [Mongodb, Neo4j, Elasticsearch, Chroma, Qdrant];

    public Dictionary<string, string?> ConnectionStrings() => new()
    {
        ["ConnectionStrings__mongodb"] = $"mongodb://app@{Mongodb.Endpoint}/?authSource=admin",
        ["ConnectionStrings__neo4j"] = $"bolt://{Neo4j.Endpoint}",
        ["ConnectionStrings__elasticsearch"] = Elasticsearch.BaseAddress.ToString(),
        ["ConnectionStrings__chroma"] = Chroma.BaseAddress.ToString(),
        ["ConnectionStrings__qdrant"] = Qdrant.BaseAddress.ToString(),
        // These fakes answer health probes only; applying schema files is SchemaApplyTests' subject.
        ["Strata__ApplyStoreSchemasAtStartup"] = "false",
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var fake in All)
        {
            await fake.DisposeAsync();
        }
    }
}
