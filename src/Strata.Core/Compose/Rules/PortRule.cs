using Strata.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Compose.Rules;

/// <summary>
/// STRATA3035: published ports listen on loopback only (127.0.0.1, ::1 or localhost), in the short syntax
/// (<c>"127.0.0.1:5432:5432"</c>) and the long one (<c>host_ip: 127.0.0.1</c>). <c>expose:</c> publishes nothing.
/// </summary>
internal static class PortRule
{
    public static IEnumerable<Diagnostic> Check(ComposeContext context)
    {
        foreach (var service in context.Services)
        {
            if (context.Yaml.Get(service.Body, "ports") is not YamlSequenceNode ports)
            {
                continue;
            }

            foreach (var port in ports.Children)
            {
                if (port is YamlMappingNode map)
                {
                    var hostIp = context.Yaml.Find(map, "host_ip");
                    var ip = ComposeYaml.Text(hostIp?.Value);
                    if (!IsLoopback(ip))
                    {
                        var target = ComposeYaml.Text(context.Yaml.Get(map, "target")) ?? "?";
                        var published = ComposeYaml.Text(context.Yaml.Get(map, "published")) ?? target;
                        yield return DiagnosticCatalog.ComposePortNotLoopback.Create(context.Yaml.At(hostIp?.Value ?? map),
                            service.Name, $"{published}:{target}", Where(ip), "host_ip: 127.0.0.1");
                    }
                }
                else if (ComposeYaml.Text(port) is { Length: > 0 } text)
                {
                    var (ip, host, container) = ParseShort(text.Trim());
                    if (!IsLoopback(ip))
                    {
                        yield return DiagnosticCatalog.ComposePortNotLoopback.Create(context.Yaml.At(port),
                            service.Name, text.Trim(), Where(ip), $"127.0.0.1:{host ?? container}:{container}");
                    }
                }
            }
        }
    }

    /// <summary>[HOST_IP:][HOST:]CONTAINER[/PROTOCOL]; an IPv6 address may be written in brackets.</summary>
    internal static (string? Ip, string? Host, string Container) ParseShort(string text)
    {
        string? ip = null;
        var rest = text;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close > 0 && close + 1 < rest.Length && rest[close + 1] == ':')
            {
                ip = rest[1..close];
                rest = rest[(close + 2)..];
            }
        }

        var parts = rest.Split(':');
        return parts.Length switch
        {
            1 => (ip, null, parts[0]),
            2 => (ip, parts[0], parts[1]),
            _ => (ip ?? string.Join(':', parts[..^2]), parts[^2], parts[^1]),
        };
    }

    internal static bool IsLoopback(string? ip)
    {
        if (string.IsNullOrWhiteSpace(ip))
        {
            return false;
        }

        ip = ip.Trim().Trim('[', ']');
        if (ip.StartsWith("${", StringComparison.Ordinal) && ip.EndsWith('}'))
        {
            // ${BIND_IP:-127.0.0.1}: judged by its default.
            var dash = ip.IndexOf('-', StringComparison.Ordinal);
            return dash > 0 && IsLoopback(ip[(dash + 1)..^1]);
        }

        return ip == "localhost" || (System.Net.IPAddress.TryParse(ip, out var address) && System.Net.IPAddress.IsLoopback(address));
    }

    private static string Where(string? ip) => string.IsNullOrWhiteSpace(ip)
        ? "every network interface (no host address given)"
        : ip.Trim() is "0.0.0.0" or "::" or "[::]" ? $"every network interface ({ip.Trim()})" : $"'{ip.Trim()}', which is not loopback";
}
