using Strata.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Compose.Rules;

/// <summary>STRATA3040: a dependency on a stateful service waits for it to be healthy, not just started.</summary>
internal static class DependsOnRule
{
    public static IEnumerable<Diagnostic> Check(ComposeContext context)
    {
        foreach (var service in context.Services)
        {
            switch (context.Yaml.Get(service.Body, "depends_on"))
            {
                case YamlSequenceNode list:
                    foreach (var item in list.Children.OfType<YamlScalarNode>())
                    {
                        if (Stateful(context, item.Value) is { } dependency)
                        {
                            yield return Report(context, item, service, dependency, "in the short list form, which waits only for its container to start");
                        }
                    }

                    break;
                case YamlMappingNode map:
                    foreach (var entry in context.Yaml.Entries(map))
                    {
                        if (Stateful(context, entry.Name) is not { } dependency)
                        {
                            continue;
                        }

                        var condition = entry.Value is YamlMappingNode settings ? context.Yaml.Find(settings, "condition") : null;
                        var value = ComposeYaml.Text(condition?.Value)?.Trim();
                        if (value != "service_healthy")
                        {
                            yield return Report(context, condition?.Value ?? entry.Key, service, dependency,
                                value is null ? "without a condition, which waits only for its container to start" : $"with 'condition: {value}'");
                        }
                    }

                    break;
            }
        }
    }

    private static ComposeService? Stateful(ComposeContext context, string? name) =>
        name is null ? null : context.Service(name.Trim()) is { IsStateful: true } service ? service : null;

    private static Diagnostic Report(ComposeContext context, YamlNode where, ComposeService service, ComposeService dependency, string how) =>
        DiagnosticCatalog.ComposeDependsOnNotHealthy.Create(context.Yaml.At(where), service.Name, dependency.Name, dependency.Engine!.DisplayName, how);
}
