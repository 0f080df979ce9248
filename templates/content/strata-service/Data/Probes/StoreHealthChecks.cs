using Microsoft.Extensions.Diagnostics.HealthChecks;
using Strata.Hosting.Probes;

namespace Company.Service1.Data.Probes;

/// <summary>
/// One health check per store that is not SQL, named after its Datastore item. Connection strings are read (and
/// checked) once, at start-up, so a missing or malformed one stops the service instead of failing every probe.
/// </summary>
public static class StoreHealthChecks
{
    public static IHealthChecksBuilder AddStoreHealthChecks(this IHealthChecksBuilder health, IConfiguration configuration)
    {
//#if (UseMongodb)
        health.Add(Registration(MongodbHealthCheck.Create("MONGODB_DATASTORE", configuration)));
//#endif
//#if (UseNeo4j)
        health.Add(Registration(Neo4jHealthCheck.Create("NEO4J_DATASTORE", configuration)));
//#endif
//#if (UseElasticsearch)
        health.Add(Registration(ElasticsearchHealthCheck.Create("ELASTICSEARCH_DATASTORE", configuration)));
//#endif
//#if (UseChroma)
        health.Add(Registration(ChromaHealthCheck.Create("CHROMA_DATASTORE", configuration)));
//#endif
//#if (UseQdrant)
        health.Add(Registration(QdrantHealthCheck.Create("QDRANT_DATASTORE", configuration)));
//#endif
//#if (UseRedis)
        health.Add(Registration(RedisHealthCheck.Create("REDIS_DATASTORE", configuration)));
//#endif
        return health;
    }

    private static HealthCheckRegistration Registration(StoreHealthCheck check) =>
        new(check.Datastore, check, failureStatus: HealthStatus.Unhealthy, tags: ["datastore", check.Engine.ToLowerInvariant()]);
}
