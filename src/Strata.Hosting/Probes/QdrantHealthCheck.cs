using System.Net;
using System.Net.Http.Headers;

namespace Strata.Hosting.Probes;

/// <summary>
/// <c>GET /readyz</c>: 200 once Qdrant has loaded its collections and can serve; sent with the <c>api-key</c> header
/// when a key is configured.
/// </summary>
public sealed class QdrantHealthCheck(string datastore, Uri baseAddress, Action<HttpRequestHeaders> authenticate)
    : HttpStoreHealthCheck(datastore, "Qdrant", baseAddress, authenticate)
{
    /// <summary>The secret's configuration key, as in .env and compose.yaml.</summary>
    public const string SecretSetting = "QDRANT_API_KEY";

    public static QdrantHealthCheck Create(string datastore, IConfiguration configuration)
    {
        var uri = Configured(configuration, datastore, text => BaseAddress(text, "http://127.0.0.1:6333"));
        return configuration[SecretSetting] is { Length: > 0 } key
            ? new QdrantHealthCheck(datastore, uri, headers => headers.Add("api-key", key))
            : new QdrantHealthCheck(datastore, uri, Anonymous);
    }

    protected override async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var answer = await GetAsync("/readyz", cancellationToken);
        return answer.Status switch
        {
            HttpStatusCode.OK => ProbeResult.Up("ready"),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ProbeResult.Down($"{Status(answer.Status)}: the API key is wrong or missing (set {SecretSetting})"),
            _ => ProbeResult.Down($"{Status(answer.Status)} from /readyz{(answer.Body.Length is > 0 and < 200 ? ": " + answer.Body.Trim() : "")}"),
        };
    }
}
