using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Strata.Migrations.Schemas.Http;

/// <summary>
/// Sends a store's REST requests: JSON in and out, authentication headers, a timeout per request, the caller's
/// cancellation. Failures become <see cref="StoreCallException"/>s whose messages hold the request line and the store's
/// error text, never the credentials nor the endpoint's user info.
/// </summary>
internal sealed class StoreClient : IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsClient;
    private readonly string baseAddress;
    private readonly TimeSpan timeout;
    private readonly Action<HttpRequestMessage> authorize;
    private readonly Func<JsonNode?, string?> errorText;

    public StoreClient(Uri endpoint, SchemaApplierOptions options, string storeName, Action<HttpRequestMessage> authorize, Func<JsonNode?, string?> errorText)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The {storeName} endpoint must be an absolute http or https URI.", nameof(endpoint));
        }

        StoreName = storeName;
        Display = $"{endpoint.Scheme}://{endpoint.Authority}";
        baseAddress = Display + endpoint.AbsolutePath.TrimEnd('/');
        timeout = options.RequestTimeout;
        this.authorize = authorize;
        this.errorText = errorText;
        ownsClient = options.HttpClient is null;
        http = options.HttpClient ?? new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>"Qdrant at http://qdrant:6333": what messages call the store (no user info).</summary>
    public string Where => $"{StoreName} at {Display}";

    public string StoreName { get; }

    public string Display { get; }

    public Task<StoreResponse> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public async Task<StoreResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var line = $"{method.Method} {path}";
        using var request = new HttpRequestMessage(method, baseAddress + path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        authorize(request);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timer.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timer.Token).ConfigureAwait(false);
            return new StoreResponse(line, (int)response.StatusCode, response.ReasonPhrase ?? string.Empty, text, errorText);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our timer, or the caller's HttpClient.Timeout: either way, not the caller's cancellation.
            throw new StoreCallException(
                string.Create(CultureInfo.InvariantCulture, $"{line}: {Where} did not answer within {timeout.TotalSeconds:0.###} s"), status: null);
        }
        catch (HttpRequestException ex)
        {
            throw new StoreCallException($"{line}: could not reach {Where}: {ex.Message}", status: null, ex);
        }
    }

    /// <summary>Escapes one path segment (a collection, index or template name).</summary>
    public static string Segment(string name) => Uri.EscapeDataString(name);

    /// <summary>Basic authentication from the options, or from the endpoint's user info.</summary>
    public static AuthenticationHeaderValue? Basic(Uri endpoint, SchemaApplierOptions options)
    {
        string? user = options.Username, password = options.Password;
        if (user is null && !string.IsNullOrEmpty(endpoint.UserInfo))
        {
            var parts = endpoint.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        return user is null
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }

    public void Dispose()
    {
        if (ownsClient)
        {
            http.Dispose();
        }
    }
}
