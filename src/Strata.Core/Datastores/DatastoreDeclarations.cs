using Strata.Core.Catalog;
using Strata.Core.Diagnostics;

namespace Strata.Core.Datastores;

/// <summary>Validates the Datastore items of a project: safe unique names and known engines.</summary>
public static class DatastoreDeclarations
{
    public readonly record struct Item(string Name, string? Engine);

    public static IReadOnlyList<DatastoreDeclaration> Resolve(IEnumerable<Item> items, string projectFile, ICollection<Diagnostic> diagnostics)
    {
        var valid = new List<DatastoreDeclaration>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            int occurrence = seen.GetValueOrDefault(item.Name);
            seen[item.Name] = occurrence + 1;
            SourceLocation Where() => ProjectFileLocator.Find(projectFile, "Datastore", item.Name, occurrence);
            if (DatastoreName.Problem(item.Name) is { } problem)
            {
                diagnostics.Add(DiagnosticCatalog.UnsafeDatastoreName.Create(Where(), item.Name, problem));
                continue;
            }

            if (occurrence > 0)
            {
                diagnostics.Add(DiagnosticCatalog.DuplicateDatastore.Create(Where(), item.Name));
                continue;
            }

            if (string.IsNullOrWhiteSpace(item.Engine))
            {
                diagnostics.Add(DiagnosticCatalog.MissingEngine.Create(Where(), item.Name, EngineCatalog.KnownIds));
                continue;
            }

            if (EngineCatalog.Find(item.Engine.Trim()) is not { } engine)
            {
                diagnostics.Add(DiagnosticCatalog.UnknownEngine.Create(Where(), item.Name, item.Engine, EngineCatalog.KnownIds));
                continue;
            }

            valid.Add(new DatastoreDeclaration(item.Name, engine));
        }

        return valid;
    }
}
