using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Strata.Core.Catalog;

namespace Strata.Core.Compose.Writing;

/// <summary>
/// The monitoring profile's files, from the engine catalog: Prometheus's scrape configuration (the service's own /metrics,
/// each store's exporter or own endpoint), the alert rules for the seed's SLOs (p95 latency, error rate, availability)
/// and for a backup older than the datastore's RPO, and one Grafana dashboard per store plus one for the service.
/// </summary>
public static class MonitoringFiles
{
    /// <summary>Where Prometheus finds Qdrant's API key (a git-ignored file written next to .env).</summary>
    public const string QdrantKeyFile = "ops/monitoring/prometheus/secrets/qdrant-api-key.txt";

    /// <summary>The service's SLO thresholds, as the alert rules and the service dashboard use them.</summary>
    public const double LatencyP95Seconds = 0.5;

    public const double ErrorRatio = 0.01;

    public static ConditionalText Prometheus(StackNaming naming)
    {
        ArgumentNullException.ThrowIfNull(naming);
        var file = new ConditionalText().Add($"""
            # Prometheus for the monitoring profile (compose.yaml), rendered by Strata from its engine catalog. It runs on the
            # host network and scrapes the service and the exporters on 127.0.0.1.
            global:
              scrape_interval: 15s
              evaluation_interval: 15s
            rule_files:
              - /etc/prometheus/alerts.yml
            scrape_configs:
              - job_name: service
                metrics_path: /metrics
                static_configs:
                  - targets: ["127.0.0.1:{naming.HttpPort}"]

            """);
        foreach (var engine in DevStackFiles.ServerEngines)
        {
            var spec = engine.Container!;
            var name = naming.NameOf(engine);
            var target = spec.Exporter is { } exporter ? exporter.Port : spec.MetricsPath is not null ? spec.Ports[0].Port : (int?)null;
            if (target is null)
            {
                file.Add(StackCondition.Store(engine.Id), $"  # {name} ({engine.DisplayName}): {spec.MetricsNote}.\n");
                continue;
            }

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"  - job_name: {name}\n");
            if (spec.MetricsPath is { } path)
            {
                text.Append(CultureInfo.InvariantCulture, $"    metrics_path: {path}\n");
                if (spec.SecretVariable is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $"    authorization:\n      credentials_file: /etc/prometheus/secrets/{Path.GetFileName(QdrantKeyFile)}\n");
                }
            }

            text.Append(CultureInfo.InvariantCulture, $"    static_configs:\n      - targets: [\"127.0.0.1:{target}\"]\n        labels:\n          datastore: {name}\n          engine: {engine.Id}\n");
            file.Add(StackCondition.Store(engine.Id), text.ToString());
        }

        return file;
    }

    public static ConditionalText Alerts(StackNaming naming)
    {
        ArgumentNullException.ThrowIfNull(naming);
        var latency = LatencyP95Seconds.ToString(CultureInfo.InvariantCulture);
        var errors = ErrorRatio.ToString(CultureInfo.InvariantCulture);
        var file = new ConditionalText().Add($$"""
            # Alert rules: the seed's SLOs for the service (p95 latency, error rate, availability), each datastore's
            # availability, and a backup older than the RPO its doc states (docs/data/<datastore>.md, backup.rpo).
            groups:
              - name: service-slo
                rules:
                  - alert: ServiceUnavailable
                    expr: up{job="service"} == 0
                    for: 2m
                    labels: { severity: critical }
                    annotations: { summary: "The service does not answer /metrics on 127.0.0.1:{{naming.HttpPort}}." }
                  - alert: ServiceLatencyP95High
                    expr: histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{job="service"}[5m]))) > {{latency}}
                    for: 10m
                    labels: { severity: warning }
                    annotations: { summary: "p95 request latency is above {{latency}} s." }
                  - alert: ServiceErrorRateHigh
                    expr: sum(rate(http_server_request_duration_seconds_count{job="service",http_response_status_code=~"5.."}[5m])) / sum(rate(http_server_request_duration_seconds_count{job="service"}[5m])) > {{errors}}
                    for: 10m
                    labels: { severity: critical }
                    annotations: { summary: "More than {{ErrorRatio * 100}}% of requests fail with a 5xx status." }
              - name: datastores
                rules:

            """);
        foreach (var engine in DevStackFiles.ServerEngines)
        {
            file.Add(StackCondition.Store(engine.Id), DatastoreAlerts(engine, naming.NameOf(engine)));
        }

        return file;
    }

    /// <summary>Availability (the exporter's up metric, else the service's health check) and backup age, for one datastore.</summary>
    public static string DatastoreAlerts(EngineDescriptor engine, string name)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var up = engine.Container?.Exporter is { } exporter ? $"{exporter.UpMetric}{{datastore=\"{name}\"}} == 0"
            : engine.Container?.MetricsPath is not null ? $"up{{job=\"{name}\"}} == 0"
            : $"strata_datastore_up{{datastore=\"{name}\"}} == 0";
        var rpo = (long)XmlConvert.ToTimeSpan(engine.DefaultRpo).TotalSeconds;
        return $$"""
                  - alert: DatastoreUnavailable
                    expr: {{up}}
                    for: 2m
                    labels: { severity: critical, datastore: {{name}} }
                    annotations: { summary: "{{engine.DisplayName}} datastore {{name}} does not answer." }
                  - alert: DatastoreBackupOlderThanRpo
                    expr: time() - strata_backup_last_success_timestamp_seconds{datastore="{{name}}"} > {{rpo}}
                    labels: { severity: critical, datastore: {{name}} }
                    annotations: { summary: "The newest backup of {{name}} is older than its RPO ({{engine.DefaultRpo}}, docs/data/{{name}}.md)." }
                  - alert: DatastoreBackupMissing
                    expr: absent(strata_backup_last_success_timestamp_seconds{datastore="{{name}}"})
                    for: 1h
                    labels: { severity: warning, datastore: {{name}} }
                    annotations: { summary: "No backup of {{name}} is recorded (backups/{{name}}/)." }

            """;
    }

    public const string GrafanaDatasource = """
        # Grafana's Prometheus datasource (monitoring profile; both run on the host network).
        apiVersion: 1
        datasources:
          - name: Prometheus
            uid: prometheus
            type: prometheus
            access: proxy
            url: http://127.0.0.1:9090
            isDefault: true

        """;

    public const string GrafanaDashboardProvider = """
        # Grafana loads every dashboard under ops/monitoring/grafana/dashboards (one per datastore, one for the service).
        apiVersion: 1
        providers:
          - name: strata
            folder: Strata
            type: file
            disableDeletion: true
            options:
              path: /var/lib/grafana/dashboards

        """;

    /// <summary>
    /// A datastore engine's dashboard: availability, then the engine's panels from the catalog, then the backup's age,
    /// for the datastore picked by its <c>datastore</c> variable, filled from the <c>engine</c> label (the scrape jobs',
    /// or the service's strata_datastore_up for an engine with no exporter). The file names no datastore, so it is the
    /// same whatever the datastore is called (and <c>dotnet new</c> copies it as it is).
    /// </summary>
    public static string Dashboard(EngineDescriptor engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var spec = engine.Container ?? throw new ArgumentException($"{engine.Id} has no container.", nameof(engine));
        const string Selector = "$datastore";
        var scraped = spec.Exporter is not null || spec.MetricsPath is not null;
        var availability = spec.Exporter is { } exporter ? $"{exporter.UpMetric}{{datastore=\"{Selector}\"}}"
            : scraped ? $"up{{datastore=\"{Selector}\"}}" : $"strata_datastore_up{{datastore=\"{Selector}\"}}";
        var panels = new List<DashboardPanel> { new("Available (1 = up)", availability) };
        panels.AddRange(spec.Panels.Select(p => p with { Query = p.Query.Replace("{datastore}", Selector, StringComparison.Ordinal) }));
        panels.Add(new("Age of the newest backup", $"time() - strata_backup_last_success_timestamp_seconds{{datastore=\"{Selector}\"}}", "s"));
        var datastores = $"label_values({(scraped ? "up" : "strata_datastore_up")}{{engine=\"{engine.Id}\"}}, datastore)";
        return DashboardJson($"strata-{engine.Id}", $"{engine.DisplayName} datastores", panels, datastores);
    }

    /// <summary>The service's dashboard: the three SLO signals.</summary>
    public static string ServiceDashboard(string title) => DashboardJson("strata-service", title,
    [
        new("Requests per second", "sum(rate(http_server_request_duration_seconds_count{job=\"service\"}[5m]))", "reqps"),
        new("p95 latency", "histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{job=\"service\"}[5m])))", "s"),
        new("5xx ratio", "sum(rate(http_server_request_duration_seconds_count{job=\"service\",http_response_status_code=~\"5..\"}[5m])) / sum(rate(http_server_request_duration_seconds_count{job=\"service\"}[5m]))", "percentunit"),
        new("Available (1 = up)", "up{job=\"service\"}"),
    ]);

    /// <param name="datastores">A PromQL label_values query for the dashboard's <c>datastore</c> variable, or null for none.</param>
    private static string DashboardJson(string uid, string title, List<DashboardPanel> panels, string? datastores = null)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("uid", uid);
            json.WriteString("title", title);
            json.WriteNumber("schemaVersion", 39);
            json.WriteString("refresh", "30s");
            json.WriteStartObject("time");
            json.WriteString("from", "now-6h");
            json.WriteString("to", "now");
            json.WriteEndObject();
            if (datastores is not null)
            {
                json.WriteStartObject("templating");
                json.WriteStartArray("list");
                json.WriteStartObject();
                json.WriteString("name", "datastore");
                json.WriteString("label", "Datastore");
                json.WriteString("type", "query");
                json.WriteStartObject("datasource");
                json.WriteString("type", "prometheus");
                json.WriteString("uid", "prometheus");
                json.WriteEndObject();
                json.WriteString("query", datastores);
                json.WriteNumber("refresh", 1); // on dashboard load
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteStartArray("panels");
            for (var i = 0; i < panels.Count; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("id", i + 1);
                json.WriteString("type", "timeseries");
                json.WriteString("title", panels[i].Title);
                json.WriteStartObject("datasource");
                json.WriteString("type", "prometheus");
                json.WriteString("uid", "prometheus");
                json.WriteEndObject();
                json.WriteStartObject("gridPos");
                json.WriteNumber("h", 8);
                json.WriteNumber("w", 12);
                json.WriteNumber("x", i % 2 * 12);
                json.WriteNumber("y", i / 2 * 8);
                json.WriteEndObject();
                json.WriteStartObject("fieldConfig");
                json.WriteStartObject("defaults");
                json.WriteString("unit", panels[i].Unit);
                json.WriteEndObject();
                json.WriteStartArray("overrides");
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartArray("targets");
                json.WriteStartObject();
                json.WriteString("refId", "A");
                json.WriteString("expr", panels[i].Query);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }
}
