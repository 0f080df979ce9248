namespace Strata.Core.Schemas.Engines;

/// <summary>The field types of Elasticsearch 8.x mappings (the catalog pins 8.15), and dense_vector's limits.</summary>
internal static class ElasticsearchFieldTypes
{
    public static readonly string[] All =
    [
        "binary", "boolean", "keyword", "constant_keyword", "wildcard", "long", "integer", "short", "byte", "double", "float",
        "half_float", "scaled_float", "unsigned_long", "date", "date_nanos", "alias", "object", "flattened", "nested", "join",
        "passthrough", "integer_range", "float_range", "long_range", "double_range", "date_range", "ip_range", "ip", "version",
        "murmur3", "aggregate_metric_double", "histogram", "text", "match_only_text", "annotated_text", "completion",
        "search_as_you_type", "semantic_text", "token_count", "dense_vector", "sparse_vector", "rank_feature", "rank_features",
        "geo_point", "geo_shape", "point", "shape", "percolator",
    ];

    public static readonly string[] Similarities = ["l2_norm", "dot_product", "cosine", "max_inner_product"];

    public const int MaxDims = 4096;

    public static readonly string[] IlmPhases = ["hot", "warm", "cold", "frozen", "delete"];
}
