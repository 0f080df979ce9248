using Strata.Migrations.Schemas;

namespace Company.Service1.Data;

/// <summary>
/// Applies the schema files of the stores with an HTTP API (db/&lt;name&gt;/schema: checked and embedded by the
/// build) through Strata.Migrations' appliers: what is applied is what the build checked. MongoDB's files are applied
/// by the one-shot compose service &lt;name&gt;-schema (ops/schema/mongodb.js); Redis has no schema to apply.
/// </summary>
public static class StoreSchemas
{
    public static async Task ApplyAsync(IConfiguration configuration, Action<string> log, CancellationToken cancellationToken)
    {
//#if (UseNeo4j)
        // The schema goes over Neo4j's HTTP API (7474 unless Neo4jHttp:<name> says otherwise), the data over Bolt.
        await ApplyAsync("NEO4J_DATASTORE", Neo4jHttpEndpoint(configuration, "NEO4J_DATASTORE"),
            new SchemaApplierOptions { Username = "neo4j", Password = configuration["NEO4J_PASSWORD"] }, log, cancellationToken);
//#endif
//#if (UseElasticsearch)
        // The user is 'elastic' unless the URL names one; its password comes from the URL or ELASTIC_PASSWORD.
        var elasticsearch = HttpEndpoint(configuration, "ELASTICSEARCH_DATASTORE");
        await ApplyAsync("ELASTICSEARCH_DATASTORE", elasticsearch,
            new SchemaApplierOptions
            {
                Username = elasticsearch.UserInfo.Length > 0 ? null : "elastic",
                Password = elasticsearch.UserInfo.Length > 0 ? null : configuration["ELASTIC_PASSWORD"],
            },
            log, cancellationToken);
//#endif
//#if (UseChroma)
        await ApplyAsync("CHROMA_DATASTORE", HttpEndpoint(configuration, "CHROMA_DATASTORE"), new SchemaApplierOptions(), log, cancellationToken);
//#endif
//#if (UseQdrant)
        await ApplyAsync("QDRANT_DATASTORE", HttpEndpoint(configuration, "QDRANT_DATASTORE"),
            new SchemaApplierOptions { ApiKey = configuration["QDRANT_API_KEY"] }, log, cancellationToken);
//#endif
    }

    private static async Task ApplyAsync(
        string datastore, Uri endpoint, SchemaApplierOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        var result = await SchemaAppliers.ApplyEmbeddedAsync(typeof(StoreSchemas).Assembly, datastore, endpoint, options, cancellationToken);
        log(result.Summary);
        foreach (var warning in result.Warnings)
        {
            log(warning.Message);
        }
    }

    private static Uri HttpEndpoint(IConfiguration configuration, string datastore) =>
        Uri.TryCreate(configuration.GetConnectionString(datastore), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"ConnectionStrings:{datastore} must be the store's http:// or https:// URL.");
//#if (UseNeo4j)

    private static Uri Neo4jHttpEndpoint(IConfiguration configuration, string datastore)
    {
        if (configuration[$"Neo4jHttp:{datastore}"] is { Length: > 0 } configured)
        {
            return Uri.TryCreate(configured, UriKind.Absolute, out var http)
                ? http
                : throw new InvalidOperationException($"Neo4jHttp:{datastore} must be Neo4j's http:// or https:// URL.");
        }

        return Uri.TryCreate(configuration.GetConnectionString(datastore), UriKind.Absolute, out var bolt) && bolt.Host.Length > 0
            ? new UriBuilder(bolt.Scheme.Contains('+', StringComparison.Ordinal) ? "https" : "http", bolt.Host, 7474).Uri
            : throw new InvalidOperationException($"ConnectionStrings:{datastore} must be a bolt:// or neo4j:// URI.");
    }
//#endif
}
