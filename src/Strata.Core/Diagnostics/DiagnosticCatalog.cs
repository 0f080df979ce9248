using System.Reflection;

namespace Strata.Core.Diagnostics;

/// <summary>
/// Every build-time diagnostic Strata can report. One partial file per id range:
/// 0xxx SDK and environment, 1xxx datastore docs, 2xxx SQL migrations, 3xxx compose and templates, 4xxx schema files.
/// Runtime codes (5xxx) live in Strata.Migrations, which services reference without this assembly.
/// </summary>
public static partial class DiagnosticCatalog
{
    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> AllDescriptors = new(() =>
        typeof(DiagnosticCatalog)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList());

    public static IReadOnlyList<DiagnosticDescriptor> All => AllDescriptors.Value;

    public static DiagnosticDescriptor? Find(string id) => All.FirstOrDefault(d => d.Id == id);
}
