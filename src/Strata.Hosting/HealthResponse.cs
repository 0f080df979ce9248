using System.Net.Mime;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Strata.Hosting;

/// <summary>
/// The body of /health: the overall status as plain text (what load balancers and <c>curl</c> expect), or, for a
/// client that asks for JSON, every datastore's status and description, so a failure says which store and why.
/// </summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var accept = context.Request.GetTypedHeaders().Accept;
        if (!accept.Any(type => type.MediaType.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.ContentType = MediaTypeNames.Text.Plain;
            return context.Response.WriteAsync(report.Status.ToString());
        }

        context.Response.ContentType = MediaTypeNames.Application.Json;
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
                durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds),
            }),
        });
    }
}
