using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Strata.Templates.Tests.Fakes;

/// <summary>One HTTP request as the fake received it: method, path and headers (names lower-cased).</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers);

/// <summary>What the fake answers: a status, a JSON or text body, and optionally a delay longer than any probe waits.</summary>
public sealed record FakeResponse(HttpStatusCode Status, string Body = "", bool Hang = false)
{
    public static FakeResponse Json(string body) => new(HttpStatusCode.OK, body);
}

/// <summary>
/// A minimal HTTP/1.1 server for the HTTP stores (Elasticsearch, Chroma, Qdrant): it records every request and
/// answers with what <see cref="Respond"/> says, closing the connection after each answer.
/// </summary>
public sealed class HttpStoreFake(Func<RecordedRequest, FakeResponse> respond) : FakeTcpServer
{
    public Func<RecordedRequest, FakeResponse> Respond { get; set; } = respond;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseAddress => new($"http://{Endpoint}");

    /// <summary>Elasticsearch's /_cluster/health answer with the given status (green, yellow, red).</summary>
    public static FakeResponse ClusterHealth(string status) =>
        FakeResponse.Json($$"""{"cluster_name":"docker-cluster","status":"{{status}}","timed_out":false,"number_of_nodes":1,"active_primary_shards":3}""");

    protected override async Task ServeAsync(Stream stream, CancellationToken stopping)
    {
        var request = await ReadRequestAsync(stream, stopping);
        Requests.Enqueue(request);
        var response = Respond(request);
        if (response.Hang)
        {
            await Task.Delay(Timeout.Infinite, stopping);
        }

        var body = Encoding.UTF8.GetBytes(response.Body);
        var contentType = response.Body.StartsWith('{') ? "application/json" : "text/plain";
        var head = $"HTTP/1.1 {(int)response.Status} {response.Status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stopping);
        await stream.WriteAsync(body, stopping);
        await stream.FlushAsync(stopping);
    }

    /// <summary>The request line and headers, up to the empty line; the probes send GETs without a body.</summary>
    private static async Task<RecordedRequest> ReadRequestAsync(Stream stream, CancellationToken stopping)
    {
        var received = new List<byte>();
        var one = new byte[1];
        while (received.Count < 4 || received[^4] != '\r' || received[^3] != '\n' || received[^2] != '\r' || received[^1] != '\n')
        {
            if (received.Count > 64 * 1024 || await stream.ReadAsync(one, stopping) == 0)
            {
                throw new IOException("The client closed the connection before the end of its request headers.");
            }

            received.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. received]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim().ToLowerInvariant(), parts => parts[1].Trim());
        return new RecordedRequest(requestLine[0], requestLine[1], headers);
    }
}
