namespace Strata.Migrations.Schemas;

/// <summary>
/// Knobs of a schema applier run. Credentials are used for the requests only: no message, progress line or exception
/// ever contains them (an endpoint is shown as scheme, host and port).
/// </summary>
public sealed class SchemaApplierOptions
{
    /// <summary>Basic authentication (Elasticsearch's <c>elastic</c>, Neo4j's <c>neo4j</c>). An endpoint's user info is used when this is not set.</summary>
    public string? Username { get; init; }

    /// <summary>The password for <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary>
    /// Qdrant: the <c>api-key</c> header; Elasticsearch: <c>Authorization: ApiKey &lt;key&gt;</c> (when no username is
    /// set); Chroma: <c>Authorization: Bearer &lt;token&gt;</c>.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>Neo4j: the database (default <c>neo4j</c>); Chroma: the database (default <c>default_database</c>).</summary>
    public string? Database { get; init; }

    /// <summary>Chroma: the tenant (default <c>default_tenant</c>).</summary>
    public string? Tenant { get; init; }

    /// <summary>How long one request may take before the run stops with STRATA5103 (or STRATA5102 inside a file).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Turns STRATA5107 (the store has applied schema files this build does not know) from a warning into an error.</summary>
    public bool FailOnUnknownApplied { get; init; }

    /// <summary>Receives one line per step ("Applying 0002 'add index' ..."); the library has no logging dependency.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>
    /// The HttpClient to send with (the service's, from IHttpClientFactory); it stays the caller's and its own
    /// <see cref="HttpClient.Timeout"/> still applies. When null, each applier creates and disposes one of its own.
    /// </summary>
    public HttpClient? HttpClient { get; init; }
}
