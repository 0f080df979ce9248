using Strata.Core.Compose.Rules;
using Strata.Core.Diagnostics;

namespace Strata.Core.Compose;

internal delegate IEnumerable<Diagnostic> ComposeCheck(ComposeContext context);

/// <summary>One compose rule: the code it reports, the services it looks at, and the check.</summary>
internal sealed record ComposeRule(DiagnosticDescriptor Descriptor, string AppliesTo, ComposeCheck Check);

/// <summary>
/// Every compose rule, in one place (docs/compose.md lists the same table). The loader reports STRATA3001-3005 for a
/// file that cannot be read or parsed; the rules below run on a file that loaded.
/// </summary>
internal static class ComposeRules
{
    public static IReadOnlyList<ComposeRule> All { get; } =
    [
        new(DiagnosticCatalog.ComposeDatastoreWithoutService, "Datastore items with a server engine", DatastoreRules.DatastoresWithoutService),
        new(DiagnosticCatalog.ComposeServiceWithoutDatastore, "services whose image is a known engine", DatastoreRules.ServicesWithoutDatastore),
        new(DiagnosticCatalog.ComposeDatastoreLabelInvalid, "services with a strata.datastore label", DatastoreRules.InvalidLabels),
        new(DiagnosticCatalog.ComposeEngineMismatch, "services matched to a datastore", DatastoreRules.EngineMismatches),
        new(DiagnosticCatalog.ComposeImageUntagged, "every service with an image it does not build", ImageRules.Untagged),
        new(DiagnosticCatalog.ComposeImageLatest, "every service with an image it does not build", ImageRules.Latest),
        new(DiagnosticCatalog.ComposeDataVolumeMissing, "stateful services", VolumeRule.Check),
        new(DiagnosticCatalog.ComposeHealthcheckMissing, "stateful services", HealthcheckRules.Missing),
        new(DiagnosticCatalog.ComposeHealthcheckShellInExec, "every service", HealthcheckRules.ShellInExecForm),
        new(DiagnosticCatalog.ComposeLiteralSecret, "every service", SecretRule.Check),
        new(DiagnosticCatalog.ComposePortNotLoopback, "every service", PortRule.Check),
        new(DiagnosticCatalog.ComposeDependsOnNotHealthy, "every dependency on a stateful service", DependsOnRule.Check),
    ];

    public static IEnumerable<Diagnostic> Run(ComposeContext context) => All.SelectMany(rule => rule.Check(context));
}
