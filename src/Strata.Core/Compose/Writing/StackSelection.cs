using Strata.Core.Catalog;

namespace Strata.Core.Compose.Writing;

/// <summary>
/// The stores of a service's development stack and its options, as `dotnet new strata-service` chose them: at most one
/// datastore per engine, each with its name.
/// </summary>
public sealed record StackSelection
{
    /// <summary>The datastore name of each chosen engine (engine id to name); sqlite is embedded and gets no service.</summary>
    public required IReadOnlyDictionary<string, string> Names { get; init; }

    /// <summary>The PostgreSQL database and user name.</summary>
    public required string Database { get; init; }

    /// <summary>The port the service itself listens on (127.0.0.1), which Prometheus scrapes.</summary>
    public int HttpPort { get; init; } = 5080;

    public string PostgresFlavor { get; init; } = "plain";

    public bool PgBouncer { get; init; }

    public bool Has(string engineId) => Names.ContainsKey(engineId);
}
