namespace Strata.Core.Catalog;

/// <summary>The pinned images of the stack's tools (not datastores); bump them here, like the engines' in <see cref="EngineCatalog"/>.</summary>
public static class ToolImages
{
    public const string Adminer = "adminer:4.8.1";

    public const string PgBouncer = "edoburu/pgbouncer:v1.23.1-p2";

    public const string Prometheus = "prom/prometheus:v2.55.1";

    public const string Grafana = "grafana/grafana:11.3.0";
}
