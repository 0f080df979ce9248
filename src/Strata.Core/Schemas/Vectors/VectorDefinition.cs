using Strata.Core.Diagnostics;

namespace Strata.Core.Schemas.Vectors;

/// <summary>
/// One place the service stores vectors: a pgvector column, a Qdrant or Chroma collection (or named vector), an
/// Elasticsearch dense_vector field, a Neo4j vector index. <see cref="What"/> names it in messages.
/// </summary>
internal sealed record VectorDefinition(string Embedding, long? Dimensions, VectorDistance? Distance, string What, SourceLocation Location);

/// <summary>
/// The vectors of the whole service, in the order they were read (datastores as declared, files in version order).
/// Keyed by datastore and object, so a later file that redefines or drops a collection or index replaces or removes
/// its earlier definition: what counts is the schema as the last file leaves it.
/// </summary>
internal sealed class VectorInventory
{
    private readonly List<(string Key, VectorDefinition Definition)> _definitions = [];

    public void Define(string key, VectorDefinition definition)
    {
        Drop(key);
        _definitions.Add((key, definition));
    }

    public void Drop(string key) => _definitions.RemoveAll(d => d.Key == key);

    /// <summary>Drops every definition whose key starts with the prefix (a dropped collection's named vectors).</summary>
    public void DropPrefix(string prefix) => _definitions.RemoveAll(d => d.Key.StartsWith(prefix, StringComparison.Ordinal));

    public void SetDistance(string key, VectorDistance distance)
    {
        int i = _definitions.FindIndex(d => d.Key == key);
        if (i >= 0)
        {
            _definitions[i] = (key, _definitions[i].Definition with { Distance = distance });
        }
    }

    public IEnumerable<VectorDefinition> All => _definitions.Select(d => d.Definition);
}
