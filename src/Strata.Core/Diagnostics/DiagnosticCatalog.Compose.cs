namespace Strata.Core.Diagnostics;

/// <summary>3001-3049: the compose file (compose.yaml), checked in every build. See docs/compose.md.</summary>
public static partial class DiagnosticCatalog
{
    // 3001-3009: reading the file.

    public static readonly DiagnosticDescriptor ComposeUnreadable = new(
        "STRATA3001", DiagnosticSeverity.Error, "Compose file cannot be read",
        "Could not read the compose file: {0}.");

    public static readonly DiagnosticDescriptor ComposeNotYaml = new(
        "STRATA3002", DiagnosticSeverity.Error, "Compose file is not valid YAML",
        "The compose file is not valid YAML: {0}.");

    public static readonly DiagnosticDescriptor ComposeRejected = new(
        "STRATA3003", DiagnosticSeverity.Error, "Compose file exceeds a safety limit",
        "The compose file was not checked: {0}.");

    public static readonly DiagnosticDescriptor ComposeDuplicateKey = new(
        "STRATA3004", DiagnosticSeverity.Error, "Duplicate key in the compose file",
        "Key '{0}' appears twice in the same mapping (first on line {1}); Compose rejects duplicate keys. Keep one of them.");

    public static readonly DiagnosticDescriptor ComposeUnexpectedShape = new(
        "STRATA3005", DiagnosticSeverity.Error, "Compose file has an unexpected structure",
        "The compose file has an unexpected structure: {0}.");

    // 3010-3014: Datastore items and compose services.

    public static readonly DiagnosticDescriptor ComposeDatastoreWithoutService = new(
        "STRATA3010", DiagnosticSeverity.Error, "Datastore has no compose service",
        "Datastore '{0}' ({1}) has no service in the compose file. Add a service named '{0}' running {2}, or label the service that runs it with 'strata.datastore: {0}'.");

    public static readonly DiagnosticDescriptor ComposeServiceWithoutDatastore = new(
        "STRATA3011", DiagnosticSeverity.Error, "Stateful compose service has no Datastore item",
        "Service '{0}' runs {1} (image '{2}'), but no Datastore item declares it. Add <Datastore Include=\"{0}\" Engine=\"{3}\" /> with its doc, or label the service with 'strata.datastore: <name>' of an existing datastore.");

    public static readonly DiagnosticDescriptor ComposeDatastoreLabelInvalid = new(
        "STRATA3012", DiagnosticSeverity.Error, "Compose service label names no datastore",
        "Service '{0}' has the label 'strata.datastore: {1}', but {2}.");

    public static readonly DiagnosticDescriptor ComposeEngineMismatch = new(
        "STRATA3013", DiagnosticSeverity.Error, "Compose service runs another engine than its datastore",
        "Service '{0}' is datastore '{1}', declared with engine '{2}', but its image '{3}' runs {4}. Fix the image or the Datastore item's Engine.");

    // 3015-3019: images.

    public static readonly DiagnosticDescriptor ComposeImageUntagged = new(
        "STRATA3015", DiagnosticSeverity.Error, "Compose image has no tag",
        "Service '{0}' uses image '{1}' without a tag, which means 'latest'. Pin an exact version, e.g. '{1}:<version>' (or a digest '@sha256:...').");

    public static readonly DiagnosticDescriptor ComposeImageLatest = new(
        "STRATA3016", DiagnosticSeverity.Error, "Compose image uses the 'latest' tag",
        "Service '{0}' uses image '{1}', whose 'latest' tag changes under you. Pin an exact version (or a digest '@sha256:...').");

    // 3020-3024: volumes.

    public static readonly DiagnosticDescriptor ComposeDataVolumeMissing = new(
        "STRATA3020", DiagnosticSeverity.Error, "Stateful service has no named volume for its data",
        "Service '{0}' ({1}) keeps its data in {2}, but {3}. Mount a named volume there, e.g. '{0}-data:{4}', and declare it under the top-level 'volumes:'.");

    // 3025-3029: health checks.

    public static readonly DiagnosticDescriptor ComposeHealthcheckMissing = new(
        "STRATA3025", DiagnosticSeverity.Error, "Stateful service has no health check",
        "Service '{0}' ({1}) {2}. Add a 'healthcheck:' whose test really queries the store, so dependents can wait for 'service_healthy'.");

    public static readonly DiagnosticDescriptor ComposeHealthcheckShellInExec = new(
        "STRATA3026", DiagnosticSeverity.Error, "Exec-form health check uses shell syntax",
        "The health check of service '{0}' is an exec form [\"CMD\", ...] whose argument '{1}' is shell syntax; without a shell it is passed to the program as a plain argument and does nothing. Use [\"CMD-SHELL\", \"...\"] or drop the shell syntax.");

    // 3030-3034: secrets.

    public static readonly DiagnosticDescriptor ComposeLiteralSecret = new(
        "STRATA3030", DiagnosticSeverity.Error, "Literal secret in the compose file",
        "Service '{0}' sets '{1}' to a literal value{2}. Use an interpolation such as '${{{3}:?set {3} in .env}}' from a git-ignored .env file, or a '_FILE' variable pointing at a secret.");

    // 3035-3039: ports.

    public static readonly DiagnosticDescriptor ComposePortNotLoopback = new(
        "STRATA3035", DiagnosticSeverity.Error, "Published port not bound to loopback",
        "Service '{0}' publishes port '{1}' on {2}. Bind it to the loopback interface for development, e.g. '{3}'.");

    // 3040-3044: startup order.

    public static readonly DiagnosticDescriptor ComposeDependsOnNotHealthy = new(
        "STRATA3040", DiagnosticSeverity.Error, "depends_on a stateful service without waiting for health",
        "Service '{0}' depends on '{1}' ({2}) {3}, so it may start before the store accepts connections. Use 'depends_on: {{ {1}: {{ condition: service_healthy }} }}'.");
}
