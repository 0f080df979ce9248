using System.Text;

namespace Strata.Hosting.Probes;

/// <summary>
/// Speaks RESP, Redis's own protocol: <c>AUTH</c> when a password is configured, then <c>PING</c>; healthy on
/// <c>+PONG</c>. An error reply (WRONGPASS, NOAUTH, LOADING...) is unhealthy with Redis's own words.
/// </summary>
public sealed class RedisHealthCheck(string datastore, RedisEndpoint endpoint)
    : StoreHealthCheck(datastore, "Redis", endpoint.Address.ToString())
{
    /// <summary>The secret's configuration key, as in .env and compose.yaml.</summary>
    public const string SecretSetting = "REDIS_PASSWORD";

    private const int MaxReplyLine = 4096;

    public static RedisHealthCheck Create(string datastore, IConfiguration configuration) =>
        new(datastore, Configured(configuration, datastore, text => RedisEndpoint.Parse(text, configuration[SecretSetting])));

    protected override async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        await using var stream = await ConnectAsync(endpoint.Address, endpoint.Tls, cancellationToken);
        if (endpoint.Password is { Length: > 0 } password)
        {
            string[] auth = endpoint.User is { Length: > 0 } user ? ["AUTH", user, password] : ["AUTH", password];
            var authReply = await CallAsync(stream, auth, cancellationToken);
            if (authReply != "+OK")
            {
                return ProbeResult.Down($"AUTH refused: {authReply.TrimStart('-')}");
            }
        }

        var pong = await CallAsync(stream, ["PING"], cancellationToken);
        return pong == "+PONG" ? ProbeResult.Up("PONG") : ProbeResult.Down($"PING refused: {pong.TrimStart('-')}");
    }

    /// <summary>Sends one command as a RESP array of bulk strings and reads the one-line reply (+OK, -ERR ..., +PONG).</summary>
    private static async Task<string> CallAsync(Stream stream, string[] command, CancellationToken cancellationToken)
    {
        var request = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
        foreach (var part in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);

        var line = new List<byte>();
        var buffer = new byte[1];
        while (line.Count < 2 || line[^2] != '\r' || line[^1] != '\n')
        {
            if (line.Count > MaxReplyLine || await stream.ReadAsync(buffer, cancellationToken) == 0)
            {
                throw new InvalidDataException("The server closed the connection or did not answer in RESP (Redis's protocol).");
            }

            line.Add(buffer[0]);
        }

        return Encoding.UTF8.GetString(line.ToArray(), 0, line.Count - 2);
    }
}

/// <summary>
/// Where the Redis check connects and how it logs in, from a StackExchange.Redis-style connection string
/// (<c>host:port,password=...,user=...,ssl=true</c>) or a <c>redis://</c> / <c>rediss://</c> URI. A password in the
/// string wins; otherwise <see cref="RedisHealthCheck.SecretSetting"/> from configuration (.env in development, the
/// environment in production).
/// </summary>
public sealed record RedisEndpoint(HostPort Address, string? User, string? Password, bool Tls)
{
    public const int DefaultPort = 6379;

    public static RedisEndpoint Parse(string connectionString, string? configuredPassword)
    {
        if (connectionString.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || connectionString.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            var uri = new Uri(connectionString);
            var credentials = uri.UserInfo.Split(':', 2);
            var uriUser = credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : null;
            var uriPassword = credentials.Length == 2 ? Uri.UnescapeDataString(credentials[1]) : null;
            return new RedisEndpoint(
                new HostPort(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port),
                uriUser,
                uriPassword ?? configuredPassword,
                uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase));
        }

        HostPort? address = null;
        string? user = null, password = null;
        var tls = false;
        foreach (var part in connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? null : part[..equals].Trim().ToLowerInvariant();
            var value = equals < 0 ? part : part[(equals + 1)..].Trim();
            switch (key)
            {
                case null: address ??= HostPort.Parse(value, DefaultPort); break;
                case "password": password = value; break;
                case "user": user = value; break;
                case "ssl": tls = bool.TryParse(value, out var ssl) && ssl; break;
                default: break; // client options (abortConnect, connectTimeout...) do not change the check
            }
        }

        return new RedisEndpoint(
            address ?? throw new FormatException($"A Redis connection string must start with host:port, such as 127.0.0.1:{DefaultPort}."),
            user,
            password ?? configuredPassword,
            tls);
    }

    /// <summary>Never prints the password (records print every property by default).</summary>
    public override string ToString() => $"{Address} (user {User ?? "default"}, {(Password is null ? "no password" : "password set")}{(Tls ? ", TLS" : "")})";
}
