using System.Globalization;

namespace Strata.Hosting.Probes;

/// <summary>
/// Opens a Bolt connection the way every Neo4j driver does: the magic preamble and four proposed protocol versions.
/// Healthy when the server picks one; a server that is not Bolt (the HTTP port 7474, say) or that supports none of
/// the versions fails it. The handshake needs no login.
/// </summary>
public sealed class Neo4jHealthCheck(string datastore, Neo4jEndpoint endpoint)
    : StoreHealthCheck(datastore, "Neo4j", endpoint.Address.ToString())
{
    /// <summary>
    /// 0x6060B017, then four versions as [0, range, minor, major]: Bolt 5.8 down to 5.0 (Neo4j 5 and 2025.x),
    /// 4.4 down to 4.2, 4.1, 4.0.
    /// </summary>
    private static readonly byte[] Handshake =
    [
        0x60, 0x60, 0xB0, 0x17,
        0x00, 0x08, 0x08, 0x05,
        0x00, 0x02, 0x04, 0x04,
        0x00, 0x00, 0x01, 0x04,
        0x00, 0x00, 0x00, 0x04,
    ];

    public static Neo4jHealthCheck Create(string datastore, IConfiguration configuration) =>
        new(datastore, Configured(configuration, datastore, Neo4jEndpoint.Parse));

    protected override async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var stream = await ConnectAsync(endpoint.Address, endpoint.Tls, cancellationToken);
        await stream.WriteAsync(Handshake, cancellationToken);
        var chosen = new byte[4];
        await stream.ReadExactlyAsync(chosen, cancellationToken);
        if ("HTTP"u8.SequenceEqual(chosen))
        {
            return ProbeResult.Down("the port answers HTTP, not Bolt (Bolt is usually on 7687, the browser on 7474)");
        }

        if (chosen.AsSpan().IndexOfAnyExcept((byte)0) < 0)
        {
            return ProbeResult.Down("the server supports none of the proposed Bolt versions (5.0-5.8, 4.0-4.4)");
        }

        return ProbeResult.Up($"Bolt {chosen[3].ToString(CultureInfo.InvariantCulture)}.{chosen[2].ToString(CultureInfo.InvariantCulture)}");
    }
}

/// <summary>
/// Where the Neo4j check connects: the host and Bolt port of a <c>bolt://</c> or <c>neo4j://</c> URI (default 7687),
/// with TLS for the <c>+s</c> schemes (<c>+ssc</c> too, but its certificate must then be trusted by this machine). The
/// password (NEO4J_PASSWORD) is for the application's driver: the handshake needs none.
/// </summary>
public sealed record Neo4jEndpoint(HostPort Address, bool Tls)
{
    public const int DefaultPort = 7687;

    public static Neo4jEndpoint Parse(string connectionString)
    {
        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var uri) || uri.Host.Length == 0 ||
            uri.Scheme is not ("bolt" or "neo4j" or "bolt+s" or "neo4j+s" or "bolt+ssc" or "neo4j+ssc"))
        {
            throw new FormatException($"A Neo4j connection string must be a bolt:// or neo4j:// URI such as bolt://127.0.0.1:{DefaultPort}.");
        }

        return new Neo4jEndpoint(new HostPort(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port), uri.Scheme.Contains('+', StringComparison.Ordinal));
    }
}
