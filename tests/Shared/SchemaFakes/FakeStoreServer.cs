using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Strata.Tests.Shared.SchemaFakes;

/// <summary>One request as the fake received it.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>"PUT /collections/x {...}" with the run-dependent history fields (time, duration) masked as "*".</summary>
    public override string ToString()
    {
        var body = Regex.Replace(Body, "\"(applied_at|appliedAt)\":\"[^\"]*\"", "\"$1\":\"*\"");
        body = Regex.Replace(body, "\"(duration_ms|durationMs)\":[0-9]+", "\"$1\":\"*\"");
        return body.Length == 0 ? $"{Method} {Path}" : $"{Method} {Path} {body}";
    }
}

/// <summary>What the fake answers.</summary>
public sealed record FakeResponse(int Status, JsonNode? Body = null)
{
    public static FakeResponse Ok(JsonNode? body = null) => new(200, body);
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a random port, for the appliers' tests: it records every request and
/// answers through a handler (the store's fake). One request per connection (Connection: close). With
/// <see cref="Hang"/> it accepts and never answers (the timeout test).
/// </summary>
public sealed class FakeStoreServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<RecordedRequest, FakeResponse> handler;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly Task loop;

    public FakeStoreServer(Func<RecordedRequest, FakeResponse> handler, bool hang = false)
    {
        this.handler = handler;
        Hang = hang;
        listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        loop = Task.Run(AcceptAsync);
    }

    public Uri Endpoint { get; }

    public bool Hang { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public void Clear() => requests.Clear();

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                requests.Enqueue(request);
                if (Hang)
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }

                var response = handler(request);
                var body = request.Method == "HEAD" || response.Body is null ? string.Empty : response.Body.ToJsonString();
                var bytes = Encoding.UTF8.GetBytes(body);
                var head = string.Create(
                    CultureInfo.InvariantCulture,
                    $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
                await stream.WriteAsync(bytes);
                await stream.FlushAsync();
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The client went away (a cancelled or timed-out request) or the server stops.
            }
        }
    }

    private static async Task<RecordedRequest> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (!(buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new IOException("connection closed before the request's end");
            }

            buffer.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. buffer]).Split("\r\n");
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var length = headers.TryGetValue("Content-Length", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body);
        return new RecordedRequest(parts[0], parts[1], Encoding.UTF8.GetString(body), headers);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        400 => "Bad Request",
        401 => "Unauthorized",
        404 => "Not Found",
        409 => "Conflict",
        500 => "Internal Server Error",
        _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        stop.Dispose();
    }
}
