using System.Globalization;

namespace Company.Service1.Data.Probes;

/// <summary>A host and port as connection strings write them: <c>host</c>, <c>host:port</c> or <c>[ipv6]:port</c>.</summary>
public readonly record struct HostPort(string Host, int Port)
{
    public static HostPort Parse(string text, int defaultPort)
    {
        var value = text.Trim();
        string host;
        string? port = null;
        if (value.StartsWith('['))
        {
            var close = value.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"'{text}' opens an IPv6 address with '[' but never closes it.");
            }

            host = value[1..close];
            port = value.Length > close + 1 && value[close + 1] == ':' ? value[(close + 2)..] : null;
        }
        else
        {
            var colon = value.LastIndexOf(':');
            host = colon < 0 ? value : value[..colon];
            port = colon < 0 ? null : value[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            throw new FormatException($"'{text}' names no host.");
        }

        if (port is null)
        {
            return new HostPort(host, defaultPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
            ? new HostPort(host, number)
            : throw new FormatException($"'{text}' has no valid port after the host.");
    }

    public override string ToString() =>
        Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port.ToString(CultureInfo.InvariantCulture)}" : $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
