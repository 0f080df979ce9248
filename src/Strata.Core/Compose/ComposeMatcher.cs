using Strata.Core.Catalog;
using Strata.Core.Diagnostics;
using Strata.Core.Docs;

namespace Strata.Core.Compose;

/// <summary>
/// Which compose service runs which Datastore item, first rule that applies:
/// 1. the label <c>strata.datastore: &lt;name&gt;</c> on the service;
/// 2. the service name equals the datastore name;
/// 3. the engine: when exactly one unmatched datastore and exactly one unmatched, unlabelled service share an engine
///    (by the service's image), they belong together.
/// </summary>
internal static class ComposeMatcher
{
    public const string DatastoreLabel = "strata.datastore";

    public static void Match(ComposeContext context, IReadOnlyList<DeclaredDatastore> declared)
    {
        var byName = context.Datastores.ToDictionary(d => d.Name, StringComparer.Ordinal);
        var taken = new Dictionary<string, ComposeService>(StringComparer.Ordinal);

        foreach (var service in context.Services)
        {
            if (service.DatastoreLabel is not { } label)
            {
                continue;
            }

            string? problem = null;
            if (byName.TryGetValue(label.Name, out var datastore))
            {
                if (taken.TryGetValue(datastore.Name, out var other))
                {
                    problem = $"service '{other.Name}' already has it; one service runs one datastore";
                }
                else
                {
                    service.Datastore = datastore;
                    taken[datastore.Name] = service;
                }
            }
            else
            {
                var embedded = declared.FirstOrDefault(d => d.Name == label.Name && EngineCatalog.Find(d.Engine ?? string.Empty) is { Embedded: true });
                problem = embedded is not null
                    ? $"'{label.Name}' is a {embedded.Engine} datastore, which runs inside the service and needs no container"
                    : $"no Datastore item is named '{label.Name}'" + (byName.Count == 0 ? string.Empty : $" (declared: {string.Join(", ", byName.Keys)})");
            }

            if (problem is not null)
            {
                context.LabelProblems.Add(DiagnosticCatalog.ComposeDatastoreLabelInvalid.Create(context.Yaml.At(label.Node), service.Name, label.Name, problem));
            }
        }

        foreach (var service in context.Services.Where(s => s.DatastoreLabel is null))
        {
            if (byName.TryGetValue(service.Name, out var datastore) && !taken.ContainsKey(datastore.Name))
            {
                service.Datastore = datastore;
                taken[datastore.Name] = service;
            }
        }

        foreach (var group in context.Datastores.Where(d => !taken.ContainsKey(d.Name)).GroupBy(d => d.Engine))
        {
            var candidates = context.Services
                .Where(s => s.Datastore is null && s.DatastoreLabel is null && s.ImageEngine == group.Key && !byName.ContainsKey(s.Name))
                .ToList();
            if (group.Count() == 1 && candidates.Count == 1)
            {
                candidates[0].Datastore = group.First();
                taken[group.First().Name] = candidates[0];
            }
        }
    }
}
