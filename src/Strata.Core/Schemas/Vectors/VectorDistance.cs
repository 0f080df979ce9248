namespace Strata.Core.Schemas.Vectors;

/// <summary>How a store compares vectors; the stores' own names map onto these (docs/schema-files.md, the cross-store check).</summary>
internal enum VectorDistance
{
    Cosine,
    Euclidean,
    InnerProduct,
    Manhattan,
}

internal static class VectorDistances
{
    /// <summary>Every store's name for a distance (pgvector operator classes, Qdrant, Chroma, Elasticsearch, Neo4j).</summary>
    public static VectorDistance? Parse(string name) => name.ToLowerInvariant() switch
    {
        "cosine" or "vector_cosine_ops" => VectorDistance.Cosine,
        "euclid" or "euclidean" or "l2" or "l2_norm" or "vector_l2_ops" => VectorDistance.Euclidean,
        "dot" or "ip" or "dot_product" or "max_inner_product" or "vector_ip_ops" => VectorDistance.InnerProduct,
        "manhattan" or "vector_l1_ops" => VectorDistance.Manhattan,
        _ => null,
    };

    public static string Describe(VectorDistance distance) => distance switch
    {
        VectorDistance.Cosine => "cosine",
        VectorDistance.Euclidean => "Euclidean",
        VectorDistance.InnerProduct => "inner-product",
        _ => "Manhattan",
    };
}
