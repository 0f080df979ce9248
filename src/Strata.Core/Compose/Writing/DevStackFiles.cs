using System.Globalization;
using System.Text;
using Strata.Core.Catalog;

namespace Strata.Core.Compose.Writing;

/// <summary>
/// The development stack of a Strata service, rendered from the engine catalog: compose.yaml, .env and .env.example,
/// and the monitoring profile's Prometheus configuration and alert rules. Each file is a <see cref="ConditionalText"/>,
/// so the strata-service template (with #if lines) and a concrete stack come from the same parts.
/// </summary>
public static class DevStackFiles
{
    /// <summary>Monitoring ports on 127.0.0.1 (Prometheus and Grafana share the host network to reach the service).</summary>
    public const int PrometheusPort = 9090;

    public const int GrafanaPort = 3000;

    public const int AdminerPort = 8080;

    public const int PgBouncerPort = 6432;

    public static ConditionalText Compose(StackNaming naming)
    {
        ArgumentNullException.ThrowIfNull(naming);
        var file = new ConditionalText()
            .Add("""
                # The development stack of Company.Service1: one service per server datastore, rendered by Strata from its engine
                # catalog (image tags, data paths, health checks). Every `dotnet build` checks this file (STRATA30xx).
                # No secret is written here: each comes from .env (git-ignored, generated at random; .env.example lists them).
                # Ports are published on 127.0.0.1 only.
                #   docker compose up -d                          the datastores
                #   docker compose --profile tools up -d          and Adminer for the SQL stores
                #   docker compose --profile monitoring up -d     and Prometheus, Grafana and the exporters
                #   docker compose --profile backup up -d         and a daily ops/backup/<datastore>.sh per server store (docs/backups.md)
                services:

                """);
        // Services in alphabetical order of their default names, as dclint wants them (custom names keep this order).
        var services = new List<(string Key, Action<ConditionalText> Add)>();
        foreach (var engine in ServerEngines)
        {
            var name = naming.NameOf(engine);
            var store = StackCondition.Store(engine.Id);
            var key = DefaultName(engine);
            if (engine.Id == "postgres")
            {
                // The flavor decides the image line only; the template writes it as an #if chain.
                const string Marker = "    image: {flavor}";
                services.Add((key, f => f.AddWithAlternatives(store, Service(engine, name, naming.Database, image: "{flavor}"), Marker,
                    [.. EngineCatalog.PostgresFlavors.Skip(1).Select(fl => (StackCondition.Flavor(fl.Id), "    image: " + fl.Image)),
                     (StackCondition.Always, "    image: " + engine.Container!.Image)])));
                services.Add(("pgbouncer", f => f.Add(store.And(StackCondition.PgBouncer), PgBouncer(name, naming.Database))));
            }
            else
            {
                services.Add((key, f => f.Add(store, Service(engine, name, naming.Database))));
            }

            if (engine.Container!.Exporter is not null)
            {
                services.Add((key + "-exporter", f => f.Add(store, Exporter(engine, name, naming.Database))));
            }

            if (engine.Container.BackupConnectionString is not null)
            {
                services.Add((key + "-backup", f => f.Add(store, Backup(engine, name, naming.Database))));
            }

            if (engine.Container.SchemaService is not null)
            {
                services.Add((key + "-schema", f => f.Add(store, SchemaService(engine, name, naming.Database))));
            }

            if (engine.Container.Adminer)
            {
                services.Add(("adminer", f => f.Add(store, Adminer(name))));
            }
        }

        services.Add(("prometheus", f => f.Add(Prometheus())));
        services.Add(("grafana", f => f.Add(Grafana())));
        foreach (var (_, add) in services.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            add(file);
        }

        file.Add("volumes:\n");
        foreach (var engine in ServerEngines)
        {
            file.Add(StackCondition.Store(engine.Id), $"  {naming.NameOf(engine)}-data:\n");
        }

        return file.Add("  prometheus-data:\n  grafana-data:\n");
    }

    /// <summary>.env (values) or .env.example (empty values, committed): every secret variable the stack interpolates.</summary>
    public static ConditionalText EnvFile(StackNaming naming, bool example)
    {
        ArgumentNullException.ThrowIfNull(naming);
        var file = new ConditionalText().Add(example
            ? """
              # The secrets compose.yaml needs. Copy this file to .env and fill it in (strata-service wrote a .env with random
              # values when it created the service). .env is git-ignored: never commit real values.

              """
            : """
              # Secrets for compose.yaml and, in Development, for the service (it reads this file). Generated at random by
              # `dotnet new strata-service`; git-ignored. Rotate by changing a value and recreating the container's volume.

              """);
        foreach (var engine in ServerEngines.Where(e => e.Container!.SecretVariable is not null))
        {
            var variable = engine.Container!.SecretVariable!;
            file.Add(StackCondition.Store(engine.Id), $"{variable}={(example ? "" : naming.SecretValue(variable))}\n");
        }

        return file.Add($"{StackNaming.GrafanaSecret}={(example ? "" : naming.SecretValue(StackNaming.GrafanaSecret))}\n");
    }

    /// <summary>One datastore's service, two-space indented under services:. <paramref name="image"/> overrides the catalog's.</summary>
    /// <remarks>Keys in the order dclint expects: image, volumes, environment, ports, command, restart, healthcheck, labels.</remarks>
    public static string Service(EngineDescriptor engine, string name, string database, string? image = null, IReadOnlyList<int>? hostPorts = null, string? secretVariable = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var spec = engine.Container ?? throw new ArgumentException($"{engine.Id} runs inside the service and has no container.", nameof(engine));
        secretVariable ??= spec.SecretVariable;
        string Fill(string text) => Placeholders(text, name, database, secretVariable);

        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"  {YamlScalar.Of(name)}:\n    image: {image ?? spec.Image}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"    volumes:\n      - {name}-data:{engine.DataPath}\n");
        AppendEnvironment(yaml, spec.Environment, Fill);
        var ports = spec.Ports.Select((p, i) => (Host: hostPorts is not null && i < hostPorts.Count ? hostPorts[i] : p.Port, p.Port, p.Purpose));
        yaml.Append("    ports:\n");
        foreach (var port in ports.OrderBy(p => $"127.0.0.1:{p.Host}:{p.Port}", StringComparer.Ordinal))
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      - '127.0.0.1:{port.Host}:{port.Port}' # {port.Purpose}\n");
        }

        if (spec.Command is { } command)
        {
            yaml.Append("    command: ").Append(YamlScalar.FlowList(command.Select(Fill))).Append('\n');
        }

        yaml.Append("    restart: unless-stopped\n");
        yaml.Append("    healthcheck:\n      test: ").Append(YamlScalar.FlowList(spec.HealthCheck.Select(Fill))).Append('\n');
        yaml.Append(CultureInfo.InvariantCulture, $"      interval: 5s\n      timeout: 5s\n      retries: 12\n      start_period: {spec.StartPeriod}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"    labels:\n      strata.datastore: {YamlScalar.Of(name)}\n");
        if (spec.MemoryLimit is { } memory)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    mem_limit: {memory}\n");
        }

        return yaml.ToString();
    }

    /// <summary>A named volume's line under the top-level volumes:.</summary>
    public static string Volume(string name) => $"  {name}-data:\n";

    /// <summary>The datastore name strata-service gives an engine when the user does not name it.</summary>
    public static string DefaultName(EngineDescriptor engine) => engine?.Id == "postgres" ? "main" : engine!.Id;

    internal static IEnumerable<EngineDescriptor> ServerEngines => EngineCatalog.All.Where(e => e.Container is not null);

    internal static string Placeholders(string text, string service, string database, string? secretVariable) => text
        .Replace("{service}", service, StringComparison.Ordinal)
        .Replace("{database}", database, StringComparison.Ordinal)
        .Replace("{secret}", secretVariable ?? string.Empty, StringComparison.Ordinal);

    private static void AppendEnvironment(StringBuilder yaml, IReadOnlyList<KeyValuePair<string, string>> environment, Func<string, string> fill, string indent = "    ")
    {
        if (environment.Count == 0)
        {
            return;
        }

        yaml.Append(indent).Append("environment:\n");
        foreach (var (key, value) in environment)
        {
            yaml.Append(indent).Append("  ").Append(key).Append(": ").Append(YamlScalar.Of(fill(value))).Append('\n');
        }
    }

    private static string DependsOn(string service) =>
        $"    depends_on:\n      {YamlScalar.Of(service)}:\n        condition: service_healthy\n";

    private static string PgBouncer(string postgres, string database) =>
        $"""
          # PgBouncer in front of PostgreSQL (the seed's pooling advice): transaction pooling on 127.0.0.1:{PgBouncerPort}.
          # Point ConnectionStrings:{postgres} at port {PgBouncerPort} to use it (Npgsql: also set No Reset On Close=true).
          pgbouncer:
            image: {ToolImages.PgBouncer}
        {DependsOn(postgres)}    environment:
              DB_HOST: {YamlScalar.Of(postgres)}
              DB_PORT: "5432"
              DB_NAME: {YamlScalar.Of(database)}
              DB_USER: {YamlScalar.Of(database)}
              DB_PASSWORD: {YamlScalar.Of(Placeholders(EngineCatalog.Secret, postgres, database, "POSTGRES_PASSWORD"))}
              AUTH_TYPE: scram-sha-256
              POOL_MODE: transaction
              MAX_CLIENT_CONN: "200"
              DEFAULT_POOL_SIZE: "20"
            ports:
              - '127.0.0.1:{PgBouncerPort}:5432'
            restart: unless-stopped

        """;

    private static string Adminer(string server) =>
        $"""
          adminer:
            image: {ToolImages.Adminer}
        {DependsOn(server)}    environment:
              ADMINER_DEFAULT_SERVER: {YamlScalar.Of(server)}
            ports:
              - '127.0.0.1:{AdminerPort}:8080'
            restart: unless-stopped
            profiles: ["tools"]

        """;

    /// <summary>The label that marks a scheduled backup service (a client of its datastore, not a second copy of it).</summary>
    public const string BackupLabel = "strata.backup";

    /// <summary>
    /// The scheduled backup of one datastore (profile <c>backup</c>, off by default): the store's own image, which has its
    /// client tools, runs ops/backup/&lt;name&gt;.sh from the project folder every STRATA_BACKUP_INTERVAL seconds (a day,
    /// the generated docs' schedule), writing to ./backups/&lt;name&gt;/ where the service's backup metric looks.
    /// </summary>
    private static string Backup(EngineDescriptor engine, string name, string database)
    {
        var spec = engine.Container!;
        var connection = Placeholders(spec.BackupConnectionString!, name, database, spec.SecretVariable);
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"  {name}-backup:\n    image: {spec.Image}\n").Append(DependsOn(name));
        yaml.Append("    volumes:\n      - ./:/service\n");
        yaml.Append("    environment:\n");
        yaml.Append(CultureInfo.InvariantCulture, $"      ConnectionStrings__{name}: {YamlScalar.Of(connection)}\n");
        if (spec.SecretVariable is { } secret)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      {secret}: {YamlScalar.Of(Placeholders(EngineCatalog.Secret, name, database, secret))}\n");
        }

        yaml.Append("      STRATA_BACKUP_INTERVAL: \"86400\"\n");
        yaml.Append(CultureInfo.InvariantCulture,
            $"    command: [\"bash\", \"-c\", \"while :; do bash ops/backup/{name}.sh || echo 'backup of {name} failed' >&2; sleep \\\"$${{STRATA_BACKUP_INTERVAL}}\\\"; done\"]\n");
        yaml.Append("    working_dir: /service\n");
        yaml.Append("    restart: unless-stopped\n");
        yaml.Append(CultureInfo.InvariantCulture, $"    labels:\n      {BackupLabel}: {YamlScalar.Of(name)}\n");
        return yaml.Append("    profiles: [\"backup\"]\n").ToString();
    }

    /// <summary>The label that marks a one-shot schema service (a client of its datastore, like a backup).</summary>
    public const string SchemaLabel = "strata.schema";

    /// <summary>
    /// The one-shot service that applies db/&lt;name&gt;/schema once the store is healthy, on every <c>docker compose up</c>
    /// (the applier skips what its history says is applied): the store's own image, which has its shell.
    /// </summary>
    /// <param name="project">The project folder relative to the compose file's, "/"-separated ("." when they are one).</param>
    public static string SchemaService(EngineDescriptor engine, string name, string database, string? secretVariable = null, string project = ".")
    {
        ArgumentNullException.ThrowIfNull(engine);
        var spec = engine.Container!;
        var schema = spec.SchemaService ?? throw new ArgumentException($"{engine.Id} has no schema service.", nameof(engine));
        secretVariable ??= spec.SecretVariable;
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"  {name}-schema:\n    image: {spec.Image}\n").Append(DependsOn(name));
        yaml.Append(CultureInfo.InvariantCulture, $"    volumes:\n      - {project}/{engine.SchemaFolder(name)}:/strata/schema:ro\n");
        yaml.Append(CultureInfo.InvariantCulture, $"      - {project}/{schema.Script}:/strata/{Path.GetFileName(schema.Script)}:ro\n");
        yaml.Append("    environment:\n");
        if (secretVariable is { } secret)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      {secret}: {YamlScalar.Of(Placeholders(EngineCatalog.Secret, name, database, secret))}\n");
        }

        yaml.Append(CultureInfo.InvariantCulture, $"      STRATA_DATASTORE: {YamlScalar.Of(name)}\n");
        yaml.Append("    command: ").Append(YamlScalar.FlowList(schema.Command.Select(c => Placeholders(c, name, database, secretVariable)))).Append('\n');
        yaml.Append("    restart: \"no\"\n");
        return yaml.Append(CultureInfo.InvariantCulture, $"    labels:\n      {SchemaLabel}: {YamlScalar.Of(name)}\n").ToString();
    }

    private static string Exporter(EngineDescriptor engine, string name, string database)
    {
        var exporter = engine.Container!.Exporter!;
        string Fill(string text) => Placeholders(text, name, database, engine.Container.SecretVariable);
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"  {name}-exporter:\n    image: {exporter.Image}\n").Append(DependsOn(name));
        AppendEnvironment(yaml, exporter.Environment, Fill);
        yaml.Append(CultureInfo.InvariantCulture, $"    ports:\n      - '127.0.0.1:{exporter.Port}:{exporter.Port}'\n");
        if (exporter.Command is { } command)
        {
            yaml.Append("    command: ").Append(YamlScalar.FlowList(command.Select(Fill))).Append('\n');
        }

        return yaml.Append("    restart: unless-stopped\n    profiles: [\"monitoring\"]\n").ToString();
    }

    private static string Prometheus() =>
        $"""
          # Prometheus and Grafana use the host's network to reach the service on 127.0.0.1, and listen on 127.0.0.1 only
          # (Docker Desktop: enable host networking in Settings > Resources > Network).
          prometheus:
            image: {ToolImages.Prometheus}
            volumes:
              - ./ops/monitoring/prometheus:/etc/prometheus:ro
              - prometheus-data:/prometheus
            network_mode: host
            command: ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus", "--web.listen-address=127.0.0.1:{PrometheusPort}"]
            restart: unless-stopped
            healthcheck:
              test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:{PrometheusPort}/-/ready"]
              interval: 10s
              timeout: 5s
              retries: 6
            profiles: ["monitoring"]

        """;

    private static string Grafana() =>
        $"""
          grafana:
            image: {ToolImages.Grafana}
            depends_on:
              prometheus:
                condition: service_healthy
            volumes:
              - ./ops/monitoring/grafana/provisioning:/etc/grafana/provisioning:ro
              - ./ops/monitoring/grafana/dashboards:/var/lib/grafana/dashboards:ro
              - grafana-data:/var/lib/grafana
            environment:
              GF_AUTH_ANONYMOUS_ENABLED: "false"
              GF_SECURITY_ADMIN_PASSWORD: {YamlScalar.Of(Placeholders(EngineCatalog.Secret, "", "", StackNaming.GrafanaSecret))}
              GF_SERVER_HTTP_ADDR: 127.0.0.1
              GF_SERVER_HTTP_PORT: "{GrafanaPort}"
            network_mode: host
            restart: unless-stopped
            healthcheck:
              test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:{GrafanaPort}/api/health"]
              interval: 10s
              timeout: 5s
              retries: 6
            profiles: ["monitoring"]

        """;
}
