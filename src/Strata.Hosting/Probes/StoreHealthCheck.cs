using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Strata.Hosting.Probes;

/// <summary>
/// The health check of a store this service has no .NET client for (the official ones cannot be restored everywhere):
/// it speaks just enough of the store's own protocol for a real round trip, not a port check, gives up after
/// <see cref="ProbeTimeout"/>, and its description says which store and what failed. Subclasses only implement
/// <see cref="ProbeAsync"/>; timeouts and network errors are turned into results here, once.
/// </summary>
public abstract class StoreHealthCheck(string datastore, string engine, string endpoint) : IHealthCheck
{
    /// <summary>Short enough for a load balancer's probe, long enough for a busy store to answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The Datastore item's name, also the check's name on /health.</summary>
    public string Datastore { get; } = datastore;

    public string Engine { get; } = engine;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var probe = await ProbeAsync(timeout.Token);
            return new HealthCheckResult(probe.Healthy ? HealthStatus.Healthy : context.Registration.FailureStatus, Describe(probe.Detail));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var seconds = ProbeTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
            return new HealthCheckResult(context.Registration.FailureStatus, Describe($"no answer within {seconds} s"));
        }
        catch (Exception ex) when (ex is SocketException or IOException or HttpRequestException or InvalidDataException or AuthenticationException)
        {
            // Refused, reset, closed early, not the expected protocol, TLS rejected: all say "this store is not usable".
            return new HealthCheckResult(context.Registration.FailureStatus, Describe(ex.Message));
        }
    }

    /// <summary>One round trip with the store; network errors may simply be thrown.</summary>
    protected abstract Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken);

    /// <summary>A TCP connection (TLS when asked, validated against the machine's trusted roots) for the binary protocols.</summary>
    protected static async Task<Stream> ConnectAsync(HostPort address, bool tls, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(address.Host, address.Port, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var network = new NetworkStream(socket, ownsSocket: true);
        if (!tls)
        {
            return network;
        }

        var secure = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await secure.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = address.Host }, cancellationToken);
            return secure;
        }
        catch
        {
            await secure.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A datastore's connection string from configuration, parsed; a missing or malformed one stops the service at
    /// start-up with the configuration key in the message.
    /// </summary>
    protected static T Configured<T>(IConfiguration configuration, string datastore, Func<string, T> parse)
    {
        var connectionString = configuration.GetConnectionString(datastore)
            ?? throw new InvalidOperationException($"ConnectionStrings:{datastore} is not configured (appsettings.json or the ConnectionStrings__{datastore} environment variable).");
        try
        {
            return parse(connectionString);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"ConnectionStrings:{datastore}: {ex.Message}", ex);
        }
    }

    private string Describe(string detail) => $"{Engine} datastore '{Datastore}' at {endpoint}: {detail}";
}

/// <summary>What one probe learned: whether the store is usable, and in a few words why.</summary>
public readonly record struct ProbeResult(bool Healthy, string Detail)
{
    public static ProbeResult Up(string detail) => new(true, detail);

    public static ProbeResult Down(string detail) => new(false, detail);
}

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
