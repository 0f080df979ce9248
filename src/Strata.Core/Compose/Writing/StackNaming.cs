using Strata.Core.Catalog;

namespace Strata.Core.Compose.Writing;

/// <summary>
/// The names a generated stack uses: each engine's datastore (its compose service, volume and label), the PostgreSQL
/// database, the service's HTTP port, and the value written into .env for each secret variable.
/// </summary>
public sealed record StackNaming(Func<EngineDescriptor, string> NameOf, string Database, string HttpPort, Func<string, string> SecretValue)
{
    /// <summary>The strata-service template's tokens, which `dotnet new` replaces (template.json symbols).</summary>
    public static StackNaming Template { get; } = new(
        e => e.Id == "postgres" ? "main" : e.Id.ToUpperInvariant() + "_DATASTORE",
        "company_service1_db",
        "5080",
        variable => variable.Split('_')[0] + "_SECRET_VALUE");

    /// <summary>The names of a concrete selection; secrets from <paramref name="secretValue"/>.</summary>
    public static StackNaming For(StackSelection selection, Func<string, string> secretValue)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return new(e => selection.Names.TryGetValue(e.Id, out var name) ? name : e.Id, selection.Database,
            selection.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), secretValue);
    }

    /// <summary>The variable that holds Grafana's admin password (monitoring profile).</summary>
    public const string GrafanaSecret = "GRAFANA_ADMIN_PASSWORD";
}
