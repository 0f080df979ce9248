using Strata.Core.Diagnostics;

namespace Strata.Core.Compose.Rules;

/// <summary>STRATA3010-3013: every server Datastore has a service, every stateful service a Datastore, and they agree.</summary>
internal static class DatastoreRules
{
    public static IEnumerable<Diagnostic> DatastoresWithoutService(ComposeContext context) =>
        context.Datastores
            .Where(d => !context.Services.Any(s => s.Datastore == d))
            .Select(d => DiagnosticCatalog.ComposeDatastoreWithoutService.Create(context.FileLevel, d.Name, d.Engine.Id, ImageHint(d.Engine)));

    public static IEnumerable<Diagnostic> ServicesWithoutDatastore(ComposeContext context) =>
        context.Services
            .Where(s => s.Datastore is null && s.DatastoreLabel is null && s.ImageEngine is not null)
            .Select(s => DiagnosticCatalog.ComposeServiceWithoutDatastore.Create(context.Yaml.At(s.Key),
                s.Name, s.ImageEngine!.DisplayName, s.Image!.Text, s.ImageEngine.Id));

    public static IEnumerable<Diagnostic> InvalidLabels(ComposeContext context) => context.LabelProblems;

    public static IEnumerable<Diagnostic> EngineMismatches(ComposeContext context) =>
        context.Services
            .Where(s => s.Datastore is not null && s.ImageEngine is not null && s.ImageEngine != s.Datastore.Engine)
            .Select(s => DiagnosticCatalog.ComposeEngineMismatch.Create(context.Yaml.At(s.ImageNode!),
                s.Name, s.Datastore!.Name, s.Datastore.Engine.Id, s.Image!.Text, s.ImageEngine!.DisplayName));

    private static string ImageHint(Catalog.EngineDescriptor engine) =>
        engine.ImageRepositories.Count == 0 ? engine.DisplayName : $"{engine.DisplayName} (image {engine.ImageRepositories[0]}:<version>)";
}
