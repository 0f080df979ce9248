using Strata.Core.Diagnostics;

namespace Strata.Core.Schemas.Vectors;

/// <summary>
/// STRATA4901/4902: within one embedding, every vector has the same dimensions and an equivalent distance. The first
/// definition that states a dimension (or a distance) is the reference; each later one that disagrees is reported at
/// its own place, naming the reference.
/// </summary>
internal static class EmbeddingAgreement
{
    public static void Check(IEnumerable<VectorDefinition> definitions, List<Diagnostic> diagnostics)
    {
        var dimensions = new Dictionary<string, VectorDefinition>(StringComparer.Ordinal);
        var distances = new Dictionary<string, VectorDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (definition.Dimensions is { } size)
            {
                if (!dimensions.TryGetValue(definition.Embedding, out var first))
                {
                    dimensions[definition.Embedding] = definition;
                }
                else if (first.Dimensions != size)
                {
                    diagnostics.Add(DiagnosticCatalog.EmbeddingDimensionMismatch.Create(definition.Location,
                        definition.What, definition.Embedding, size, Where(first), first.Dimensions));
                }
            }

            if (definition.Distance is { } distance)
            {
                if (!distances.TryGetValue(definition.Embedding, out var first))
                {
                    distances[definition.Embedding] = definition;
                }
                else if (first.Distance != distance)
                {
                    diagnostics.Add(DiagnosticCatalog.EmbeddingDistanceMismatch.Create(definition.Location,
                        definition.What, definition.Embedding, VectorDistances.Describe(distance), Where(first), VectorDistances.Describe(first.Distance!.Value)));
                }
            }
        }
    }

    private static string Where(VectorDefinition definition) =>
        definition.Location.Line > 0 ? $"{definition.What} ({definition.Location.File}, line {definition.Location.Line})" : definition.What;
}
