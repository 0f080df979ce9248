using System.Net;
using System.Text.Json;

namespace Strata.Hosting.Probes;

/// <summary>
/// <c>GET /api/v2/heartbeat</c>, Chroma 1.x's liveness call: healthy on 200 with its <c>nanosecond heartbeat</c>.
/// A 404 there usually means a Chroma before 1.0 (whose API was v1).
/// </summary>
public sealed class ChromaHealthCheck(string datastore, Uri baseAddress)
    : HttpStoreHealthCheck(datastore, "Chroma", baseAddress, Anonymous)
{
    public static ChromaHealthCheck Create(string datastore, IConfiguration configuration) =>
        new(datastore, Configured(configuration, datastore, text => BaseAddress(text, "http://127.0.0.1:8000")));

    protected override async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        const string path = "/api/v2/heartbeat";
        var answer = await GetAsync(path, cancellationToken);
        return answer.Status switch
        {
            HttpStatusCode.OK when HasHeartbeat(answer.Body) => ProbeResult.Up("heartbeat"),
            HttpStatusCode.OK => ProbeResult.Down($"{path} answered without a 'nanosecond heartbeat'"),
            HttpStatusCode.NotFound => ProbeResult.Down($"{Status(answer.Status)} from {path}: is this Chroma 1.x?"),
            _ => ProbeResult.Down($"{Status(answer.Status)} from {path}"),
        };
    }

    private static bool HasHeartbeat(string body) =>
        JsonBody(body) is { ValueKind: JsonValueKind.Object } root &&
        root.TryGetProperty("nanosecond heartbeat", out var beat) && beat.ValueKind == JsonValueKind.Number;
}
