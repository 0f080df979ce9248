using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Strata.Hosting.Probes;

/// <summary>
/// <c>GET /_cluster/health</c> with basic auth: green and yellow (replicas not allocated, normal on one node) are
/// healthy, red (a primary shard is missing) is not; a 401 means the password is wrong.
/// </summary>
public sealed class ElasticsearchHealthCheck(string datastore, Uri baseAddress, Action<HttpRequestHeaders> authenticate)
    : HttpStoreHealthCheck(datastore, "Elasticsearch", baseAddress, authenticate)
{
    /// <summary>The secret's configuration key, as in .env and compose.yaml; the user is 'elastic' unless the URL names one.</summary>
    public const string SecretSetting = "ELASTIC_PASSWORD";

    public static ElasticsearchHealthCheck Create(string datastore, IConfiguration configuration)
    {
        var uri = Configured(configuration, datastore, text => BaseAddress(text, "http://127.0.0.1:9200"));
        var credentials = uri.UserInfo.Split(':', 2);
        var user = credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : "elastic";
        var password = credentials.Length == 2 ? Uri.UnescapeDataString(credentials[1]) : configuration[SecretSetting];
        if (string.IsNullOrEmpty(password))
        {
            // A cluster with security off (only sensible on a laptop) needs none; one with security on answers 401.
            return new ElasticsearchHealthCheck(datastore, uri, Anonymous);
        }

        var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return new ElasticsearchHealthCheck(datastore, uri, headers => headers.Authorization = basic);
    }

    protected override async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        const string path = "/_cluster/health";
        var answer = await GetAsync(path, cancellationToken);
        var cluster = answer.Status == HttpStatusCode.OK ? ClusterStatus(answer.Body) : null;
        return answer.Status switch
        {
            HttpStatusCode.OK when cluster is "green" or "yellow" => ProbeResult.Up($"cluster status {cluster}"),
            HttpStatusCode.OK => ProbeResult.Down($"cluster status {cluster ?? "missing from the answer"}"),
            HttpStatusCode.Unauthorized => ProbeResult.Down($"{Status(answer.Status)}: the user or password is wrong or missing (set {SecretSetting})"),
            _ => ProbeResult.Down($"{Status(answer.Status)} from {path}"),
        };
    }

    private static string? ClusterStatus(string body) =>
        JsonBody(body) is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String
            ? status.GetString()
            : null;
}
