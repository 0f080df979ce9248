using System.Text.Json;
using System.Text.Json.Nodes;

namespace Strata.Migrations.Schemas.Http;

/// <summary>A store's answer: the request it answers (for messages), the status and the body.</summary>
internal sealed class StoreResponse(string request, int status, string reason, string body, Func<JsonNode?, string?> errorText)
{
    /// <summary>"PUT /collections/documents", without host or credentials.</summary>
    public string Request { get; } = request;

    public int Status { get; } = status;

    public string Body { get; } = body;

    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsNotFound => Status == 404;

    /// <summary>The body as JSON, or null when it is empty or not JSON.</summary>
    public JsonNode? Json()
    {
        if (string.IsNullOrWhiteSpace(Body))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Throws unless the status is 2xx (or, with <paramref name="allowNotFound"/>, 404).</summary>
    public StoreResponse EnsureSuccess(bool allowNotFound = false)
    {
        if (IsSuccess || (allowNotFound && IsNotFound))
        {
            return this;
        }

        throw Failure();
    }

    public StoreCallException Failure(string? detail = null)
    {
        var text = detail ?? errorText(Json()) ?? Shorten(Body);
        var hint = Status is 401 or 403 ? " (check the store's credentials in SchemaApplierOptions and the user's privileges)" : string.Empty;
        var suffix = string.IsNullOrWhiteSpace(text) ? string.Empty : ": " + text;
        return new StoreCallException($"{Request} answered {Status} {reason}{suffix}{hint}", Status);
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 300 ? oneLine : oneLine[..300] + "...";
    }
}
