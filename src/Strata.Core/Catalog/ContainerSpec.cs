namespace Strata.Core.Catalog;

/// <summary>
/// How an engine runs in a development compose stack: the one place its image tag, ports, settings, health check and
/// exporter are written down. The compose writer (Strata.Core/Compose/Writing) renders services from it; the compose
/// check (STRATA30xx) judges what users edit against the same facts.
/// </summary>
/// <remarks>
/// In <see cref="Environment"/>, <see cref="Command"/> and <see cref="HealthCheck"/>: {secret} is the variable that holds
/// the engine's secret (<see cref="SecretVariable"/>, or a per-datastore variant), {database} the database and user name,
/// {port} the container port. Text for the container's shell escapes '$' as '$$' (Compose interpolation).
/// </remarks>
public sealed record ContainerSpec
{
    /// <summary>The pinned image, repository and exact tag; never "latest". Bump versions here.</summary>
    public required string Image { get; init; }

    /// <summary>The ports the engine serves, the first being the one clients use.</summary>
    public required IReadOnlyList<ContainerPort> Ports { get; init; }

    /// <summary>The environment variable, in .env, that holds the engine's password or key; null when it has none.</summary>
    public string? SecretVariable { get; init; }

    /// <summary>Environment of the container, in order. Secrets only as ${{secret}:?...} interpolations.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>The container's command, exec form; null keeps the image's own.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>
    /// The health check's test, exec form (["CMD", ...] or ["CMD-SHELL", "..."]). It must exercise the store itself (a
    /// query, a ping, a readiness endpoint), not only the port, and fail when the store does not answer.
    /// </summary>
    public required IReadOnlyList<string> HealthCheck { get; init; }

    /// <summary>How long a fresh container may take before failed checks count (Compose's start_period).</summary>
    public string StartPeriod { get; init; } = "20s";

    /// <summary>A memory limit, for engines that size their heap from the host when not told (Elasticsearch, Neo4j).</summary>
    public string? MemoryLimit { get; init; }

    /// <summary>The Prometheus exporter that exists for the engine, if any.</summary>
    public ExporterSpec? Exporter { get; init; }

    /// <summary>The engine's own Prometheus endpoint (path on its first port) when it serves one, instead of an exporter.</summary>
    public string? MetricsPath { get; init; }

    /// <summary>Why there is no metrics source for the engine, when neither <see cref="Exporter"/> nor <see cref="MetricsPath"/> is set.</summary>
    public string? MetricsNote { get; init; }

    /// <summary>Grafana panels of the engine's dashboard, beyond availability; PromQL over its exporter's or its own metrics.</summary>
    public IReadOnlyList<DashboardPanel> Panels { get; init; } = [];

    /// <summary>Adminer (tools profile) can open this engine: the SQL servers.</summary>
    public bool Adminer { get; init; }

    /// <summary>
    /// The connection string (ConnectionStrings:&lt;name&gt; as the service reads it) with which the scheduled backup service
    /// (compose profile <c>backup</c>) runs ops/backup/&lt;name&gt;.sh inside the stack, {service} and {database} filled in;
    /// null when the engine's backup cannot run online from its own image (Neo4j Community needs the database stopped;
    /// the Elasticsearch, Qdrant and Chroma images lack the scripts' tools).
    /// </summary>
    public string? BackupConnectionString { get; init; }

    /// <summary>
    /// The one-shot compose service that applies db/&lt;name&gt;/schema with the engine's own shell, for an engine that
    /// Strata.Migrations cannot reach over HTTP (MongoDB): the script (mounted read-only) and the command running it,
    /// with {service}, {database} and {secret} as above. Null when the service applies the schema itself.
    /// </summary>
    public SchemaServiceSpec? SchemaService { get; init; }

    /// <summary>The .NET client to use for the engine; named in the docs when it cannot be generated against here.</summary>
    public required string Client { get; init; }
}

/// <summary>A port the engine serves, and what for.</summary>
public sealed record ContainerPort(int Port, string Purpose);

/// <summary>A Prometheus exporter image for an engine, and how it reaches the engine's service.</summary>
public sealed record ExporterSpec
{
    public required string Image { get; init; }

    /// <summary>The port the exporter serves /metrics on.</summary>
    public required int Port { get; init; }

    /// <summary>Environment, with {service}, {port}, {database} and {secret} as in <see cref="ContainerSpec"/>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>Arguments, with the same placeholders.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The metric that is 1 while the exporter reaches the engine (the availability alert's input).</summary>
    public required string UpMetric { get; init; }
}

/// <summary>A time-series panel of an engine's Grafana dashboard; {datastore} in <see cref="Query"/> is the datastore name.</summary>
public sealed record DashboardPanel(string Title, string Query, string Unit = "short");

/// <summary>A PostgreSQL image variant (--postgres-flavor) and the extension its first migration creates.</summary>
public sealed record PostgresFlavor(string Id, string Image, string? Extension, string Description);

/// <summary>A one-shot service that applies an engine's schema files: a generic applier script run by the engine's shell.</summary>
public sealed record SchemaServiceSpec
{
    /// <summary>The applier script, relative to the project (shipped by the strata-service template).</summary>
    public required string Script { get; init; }

    /// <summary>The command, exec form; the script is at /strata/&lt;file name&gt;, the schema folder at /strata/schema.</summary>
    public required IReadOnlyList<string> Command { get; init; }
}
