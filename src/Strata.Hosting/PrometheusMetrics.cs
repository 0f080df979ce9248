using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Strata.Hosting;

/// <summary>
/// GET /metrics in Prometheus's text format, for the monitoring profile of compose.yaml (ops/monitoring): the request
/// duration histogram ASP.NET Core already measures (the SLO alerts' p95 latency and error rate), each datastore's
/// health as 0/1, and the time of each datastore's newest backup under backups/&lt;datastore&gt;/ (the RPO alert).
/// No exporter package restores here, so this is a small reader of the framework's own meter.
/// </summary>
public sealed class PrometheusMetrics : IDisposable
{
    // Prometheus's default buckets, in seconds; the SLO threshold (0.5 s) is one of them.
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Method, string Status), Histogram> _requests = new();

    public PrometheusMetrics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.AspNetCore.Hosting" && instrument.Name == "http.server.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>(Record);
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string method = "", status = "";
        foreach (var (key, value) in tags)
        {
            if (key == "http.request.method")
            {
                method = value?.ToString() ?? "";
            }
            else if (key == "http.response.status_code")
            {
                status = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            }
        }

        _requests.GetOrAdd((method, status), _ => new Histogram()).Observe(seconds);
    }

    public async Task WriteAsync(HttpContext context)
    {
        var text = new StringBuilder();
        text.Append("# HELP http_server_request_duration_seconds Duration of HTTP server requests.\n");
        text.Append("# TYPE http_server_request_duration_seconds histogram\n");
        foreach (var ((method, status), histogram) in _requests.OrderBy(r => r.Key))
        {
            var labels = $"http_request_method=\"{method}\",http_response_status_code=\"{status}\"";
            var (counts, sum, count) = histogram.Snapshot();
            for (var i = 0; i < Buckets.Length; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_bucket{{{labels},le=\"{Buckets[i]}\"}} {counts[i]}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {count}\n");
            text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_sum{{{labels}}} {sum}\n");
            text.Append(CultureInfo.InvariantCulture, $"http_server_request_duration_seconds_count{{{labels}}} {count}\n");
        }

        var health = await context.RequestServices.GetRequiredService<HealthCheckService>().CheckHealthAsync(context.RequestAborted);
        text.Append("# HELP strata_datastore_up Whether the datastore's health check passes (1) or not (0).\n# TYPE strata_datastore_up gauge\n");
        foreach (var (name, entry) in health.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            // The non-SQL stores' checks carry their engine as a tag: the label their Grafana dashboard selects by.
            var engine = entry.Tags.FirstOrDefault(tag => tag != "datastore");
            var labels = engine is null ? $"datastore=\"{name}\"" : $"datastore=\"{name}\",engine=\"{engine}\"";
            text.Append(CultureInfo.InvariantCulture, $"strata_datastore_up{{{labels}}} {(entry.Status == HealthStatus.Healthy ? 1 : 0)}\n");
        }

        text.Append("# HELP strata_backup_last_success_timestamp_seconds When the newest backup under backups/<datastore>/ was written.\n");
        text.Append("# TYPE strata_backup_last_success_timestamp_seconds gauge\n");
        var backups = Path.Combine(context.RequestServices.GetRequiredService<IHostEnvironment>().ContentRootPath, "backups");
        foreach (var name in health.Entries.Keys.Order(StringComparer.Ordinal))
        {
            var folder = Path.Combine(backups, name);
            var newest = Directory.Exists(folder)
                ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Select(f => f.LastWriteTimeUtc).DefaultIfEmpty().Max()
                : default;
            if (newest != default)
            {
                text.Append(CultureInfo.InvariantCulture, $"strata_backup_last_success_timestamp_seconds{{datastore=\"{name}\"}} {new DateTimeOffset(newest).ToUnixTimeSeconds()}\n");
            }
        }

        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }

    /// <summary>Cumulative bucket counts, as Prometheus histograms are exposed.</summary>
    private sealed class Histogram
    {
        private readonly long[] _counts = new long[Buckets.Length];
        private readonly Lock _gate = new();
        private double _sum;
        private long _count;

        public void Observe(double seconds)
        {
            lock (_gate)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    if (seconds <= Buckets[i])
                    {
                        _counts[i]++;
                    }
                }

                _sum += seconds;
                _count++;
            }
        }

        public (long[] Counts, double Sum, long Count) Snapshot()
        {
            lock (_gate)
            {
                return ((long[])_counts.Clone(), _sum, _count);
            }
        }
    }
}

public static class PrometheusMetricsExtensions
{
    /// <summary>Serves /metrics for Prometheus (ops/monitoring/prometheus/prometheus.yml scrapes it on 127.0.0.1).</summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, string pattern = "/metrics")
    {
        var metrics = endpoints.ServiceProvider.GetRequiredService<PrometheusMetrics>();
        return endpoints.MapGet(pattern, metrics.WriteAsync).ExcludeFromDescription();
    }
}
