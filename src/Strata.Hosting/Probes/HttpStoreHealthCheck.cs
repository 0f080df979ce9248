using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Strata.Hosting.Probes;

/// <summary>
/// The part the HTTP stores' checks share (Elasticsearch, Chroma, Qdrant): one GET on the store's own API with its
/// credentials; the subclass judges the answer. Credentials never appear in descriptions: the endpoint shown is the
/// base address without its user information.
/// </summary>
public abstract class HttpStoreHealthCheck(string datastore, string engine, Uri baseAddress, Action<HttpRequestHeaders> authenticate)
    : StoreHealthCheck(datastore, engine, baseAddress.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped))
{
    /// <summary>One client for every check: sockets are reused, and DNS changes are seen within two minutes.</summary>
    private static readonly HttpClient Client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
        Timeout = Timeout.InfiniteTimeSpan, // the probe's own timeout cancels the request
        MaxResponseContentBufferSize = 1024 * 1024,
    };

    /// <summary>No credentials to send.</summary>
    protected static readonly Action<HttpRequestHeaders> Anonymous = _ => { };

    protected async Task<HttpAnswer> GetAsync(string path, CancellationToken cancellationToken)
    {
        // Appended to the base address's path, so a store published under a prefix (behind a proxy) works too.
        // Credentials written into the URL are sent as headers by the subclass, never as part of the URL.
        var url = new Uri(baseAddress.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/') + path);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        authenticate(request.Headers);
        using var response = await Client.SendAsync(request, cancellationToken);
        return new HttpAnswer(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The base address of an HTTP store: an absolute http:// or https:// URI.</summary>
    protected static Uri BaseAddress(string connectionString, string example) =>
        Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new FormatException($"The connection string must be an http:// or https:// URL, such as {example}.");

    /// <summary>The root of a JSON body, or null when the body is not JSON (a proxy's error page, say).</summary>
    protected static JsonElement? JsonBody(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>"HTTP 503 Service Unavailable", the words a failure description starts with.</summary>
    protected static string Status(HttpStatusCode status) => $"HTTP {(int)status} {status}";
}

/// <summary>The status and body of one HTTP answer.</summary>
public readonly record struct HttpAnswer(HttpStatusCode Status, string Body);
