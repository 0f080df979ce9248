namespace Strata.Core.Diagnostics;

/// <summary>
/// 4xxx: schema files of the non-SQL stores (db/&lt;datastore&gt;/schema, docs/schema-files.md). 40xx every engine,
/// 41xx MongoDB, 42xx Neo4j, 43xx Elasticsearch, 44xx Qdrant, 45xx Chroma, 46xx Redis, 49xx across stores.
/// </summary>
public static partial class DiagnosticCatalog
{
    // 4001-4009: files and folder.

    public static readonly DiagnosticDescriptor SchemaFileName = new(
        "STRATA4001", DiagnosticSeverity.Error, "Schema file name does not match <version>_<description>.<ext>",
        "Schema file '{0}' does not match '<version>_<description>{1}' (version: digits; description: letters, digits, '_' or '-'), for example '0002_add_events{1}'.");

    public static readonly DiagnosticDescriptor DuplicateSchemaVersion = new(
        "STRATA4002", DiagnosticSeverity.Error, "Two schema files share a version",
        "Schema files '{0}' and '{1}' both have version {2}; this usually happens when two branches are merged. Renumber the one that is not released yet above the highest version.");

    public static readonly DiagnosticDescriptor SchemaFileNotUtf8 = new(
        "STRATA4003", DiagnosticSeverity.Error, "Schema file is not valid UTF-8",
        "Schema file '{0}' is not valid UTF-8 (invalid byte 0x{1:X2}); save it as UTF-8.");

    public static readonly DiagnosticDescriptor SchemaFileEmpty = new(
        "STRATA4004", DiagnosticSeverity.Error, "Schema file is empty",
        "Schema file '{0}' {1}; an empty file would be recorded as applied without changing anything. Delete it or fill it in.");

    public static readonly DiagnosticDescriptor SchemaFileTooLarge = new(
        "STRATA4005", DiagnosticSeverity.Error, "Schema file is too large",
        "Schema file '{0}' is {1:N0} bytes; the limit is {2:N0}. Split it.");

    public static readonly DiagnosticDescriptor SchemaOutsideProject = new(
        "STRATA4006", DiagnosticSeverity.Error, "Schema file or folder resolves outside the project",
        "'{0}' leads to '{1}', outside the project directory (through a link); schema files must live in the repository.");

    public static readonly DiagnosticDescriptor SchemaUnreadable = new(
        "STRATA4007", DiagnosticSeverity.Error, "Schema file or folder cannot be read",
        "'{0}' cannot be read: {1}");

    // 4010-4019: JSON structure.

    public static readonly DiagnosticDescriptor SchemaNotJson = new(
        "STRATA4010", DiagnosticSeverity.Error, "Schema file is not valid JSON",
        "Schema file '{0}' is not valid JSON here: {1}.");

    public static readonly DiagnosticDescriptor SchemaUnknownProperty = new(
        "STRATA4011", DiagnosticSeverity.Error, "Unknown property in a schema file",
        "Unknown property '{0}' in {1}{2}. Allowed here: {3}.");

    public static readonly DiagnosticDescriptor SchemaDuplicateProperty = new(
        "STRATA4012", DiagnosticSeverity.Error, "Property appears twice in one object",
        "Property '{0}' appears twice in the same object (first on line {1}); only one would take effect. Keep one of them.");

    public static readonly DiagnosticDescriptor SchemaRequiredProperty = new(
        "STRATA4013", DiagnosticSeverity.Error, "Required property missing in a schema file",
        "{0} needs the property '{1}'{2}.");

    public static readonly DiagnosticDescriptor SchemaWrongType = new(
        "STRATA4014", DiagnosticSeverity.Error, "Schema file value has the wrong type",
        "'{0}' must be {1}, but is {2}.");

    public static readonly DiagnosticDescriptor SchemaValueNotAllowed = new(
        "STRATA4015", DiagnosticSeverity.Error, "Schema file value is not one of the allowed values",
        "'{0}' is '{1}', which is not one of: {2}.{3}");

    public static readonly DiagnosticDescriptor SchemaDefinedTwice = new(
        "STRATA4016", DiagnosticSeverity.Error, "Defined twice in one schema file",
        "{0} '{1}' is defined twice in this file (first on line {2}); merge the two definitions.");

    // 4101-4199: MongoDB.

    public static readonly DiagnosticDescriptor MongoValidatorShape = new(
        "STRATA4101", DiagnosticSeverity.Error, "MongoDB validator is not exactly one $jsonSchema",
        "The validator of collection '{0}' must hold exactly one '$jsonSchema' and nothing else{1}.");

    public static readonly DiagnosticDescriptor MongoBsonType = new(
        "STRATA4102", DiagnosticSeverity.Error, "Unknown MongoDB bsonType",
        "bsonType '{0}' is not a MongoDB type alias; use one of: {1}.{2}");

    public static readonly DiagnosticDescriptor MongoIndexKey = new(
        "STRATA4103", DiagnosticSeverity.Error, "MongoDB index key is invalid",
        "Index '{0}': {1}. A key is a field name with 1, -1, \"text\", \"2dsphere\", \"2d\" or \"hashed\".");

    public static readonly DiagnosticDescriptor MongoTtlIndex = new(
        "STRATA4104", DiagnosticSeverity.Error, "MongoDB TTL index is invalid",
        "TTL index '{0}': {1}.");

    public static readonly DiagnosticDescriptor MongoTtlRetention = new(
        "STRATA4105", DiagnosticSeverity.Warning, "MongoDB TTL disagrees with the doc's retention",
        "TTL index '{0}' expires documents after {1}, but '{2}' says retention.period is {3}. Make the index and the doc agree.");

    // 4201-4299: Neo4j.

    public static readonly DiagnosticDescriptor CypherUnterminated = new(
        "STRATA4201", DiagnosticSeverity.Error, "Cypher is not lexically sound",
        "{0}, so the rest of '{1}' cannot be read as Cypher.");

    public static readonly DiagnosticDescriptor CypherNotSchema = new(
        "STRATA4202", DiagnosticSeverity.Error, "Cypher statement is not a schema statement",
        "'{0}' is not a schema statement; schema files hold only CREATE CONSTRAINT, CREATE ... INDEX, DROP CONSTRAINT and DROP INDEX. Move data changes to the service or a data migration job.");

    public static readonly DiagnosticDescriptor CypherUnnamed = new(
        "STRATA4203", DiagnosticSeverity.Error, "Neo4j constraint or index has no name",
        "This {0} has no name; Neo4j would generate one, so it could never be dropped or changed by a later file. Name it: '{1} <name> IF NOT EXISTS ...'.");

    public static readonly DiagnosticDescriptor CypherNotIdempotent = new(
        "STRATA4204", DiagnosticSeverity.Error, "Neo4j schema statement is not idempotent",
        "This {0} has no '{1}'; if a run stops half-way, running the file again would fail on it. Add '{1}' after the name.");

    public static readonly DiagnosticDescriptor CypherVectorOptions = new(
        "STRATA4205", DiagnosticSeverity.Error, "Neo4j vector index options are invalid",
        "Vector index '{0}': {1}.");

    // 4301-4399: Elasticsearch.

    public static readonly DiagnosticDescriptor ElasticFieldType = new(
        "STRATA4301", DiagnosticSeverity.Error, "Unknown Elasticsearch field type",
        "Field '{0}' has type '{1}', which is not an Elasticsearch field type.{2}");

    public static readonly DiagnosticDescriptor ElasticDenseVector = new(
        "STRATA4302", DiagnosticSeverity.Error, "Elasticsearch dense_vector is invalid",
        "dense_vector field '{0}': {1}.");

    public static readonly DiagnosticDescriptor ElasticIlmPhase = new(
        "STRATA4303", DiagnosticSeverity.Error, "Elasticsearch ILM phase or min_age is invalid",
        "ILM policy '{0}': {1}.");

    public static readonly DiagnosticDescriptor ElasticUndefinedReference = new(
        "STRATA4304", DiagnosticSeverity.Error, "Elasticsearch template names an undefined policy or component template",
        "{0} names {1} '{2}', which no schema file of datastore '{3}' defines.{4}");

    public static readonly DiagnosticDescriptor ElasticIlmRetention = new(
        "STRATA4305", DiagnosticSeverity.Warning, "Elasticsearch ILM delete phase disagrees with the doc's retention",
        "ILM policy '{0}' deletes indices {1} after rollover (delete min_age '{2}'), but '{3}' says retention.period is {4}. Make the policy and the doc agree.");

    // 4401-4499: Qdrant.

    public static readonly DiagnosticDescriptor QdrantVectorSize = new(
        "STRATA4401", DiagnosticSeverity.Error, "Qdrant vector size is out of range",
        "Vector size {0} of collection '{1}' is outside 1 to 65536.");

    // 4501-4599: Chroma.

    public static readonly DiagnosticDescriptor ChromaDimension = new(
        "STRATA4501", DiagnosticSeverity.Error, "Chroma dimension is out of range",
        "Dimension {0} of collection '{1}' is outside 1 to 65536.");

    // 4601-4699: Redis.

    public static readonly DiagnosticDescriptor RedisPolicyMismatch = new(
        "STRATA4601", DiagnosticSeverity.Error, "Redis eviction policy disagrees with the compose service",
        "maxmemoryPolicy is '{0}', but compose service '{1}' runs Redis with {2}. Make the schema file and '{3}' agree.");

    public static readonly DiagnosticDescriptor RedisDuplicatePattern = new(
        "STRATA4602", DiagnosticSeverity.Error, "Redis key pattern declared twice",
        "Key pattern '{0}' is already declared in '{1}' (line {2}); a pattern appears once. Change the existing declaration instead.");

    public static readonly DiagnosticDescriptor RedisTtl = new(
        "STRATA4603", DiagnosticSeverity.Error, "Redis key TTL is not an ISO 8601 duration",
        "ttl '{0}' of key pattern '{1}' is not an ISO 8601 duration: {2}.");

    public static readonly DiagnosticDescriptor RedisKeyNeverEvicted = new(
        "STRATA4604", DiagnosticSeverity.Warning, "Redis key without a TTL is never evicted under a volatile policy",
        "Key pattern '{0}' has no ttl, but the eviction policy '{1}' evicts only keys with a TTL: these keys stay until deleted and can fill the memory. Give them a ttl or use an allkeys-* policy.");

    // 4901-4999: across stores.

    public static readonly DiagnosticDescriptor EmbeddingDimensionMismatch = new(
        "STRATA4901", DiagnosticSeverity.Error, "Embedding dimensions disagree across stores",
        "{0} stores embedding '{1}' with {2} dimensions, but {3} has {4}. Vectors of one embedding model must have one size; set the 'embedding' property if these are different models.");

    public static readonly DiagnosticDescriptor EmbeddingDistanceMismatch = new(
        "STRATA4902", DiagnosticSeverity.Error, "Embedding distances disagree across stores",
        "{0} compares embedding '{1}' by {2} distance, but {3} uses {4}. One embedding model has one distance; set the 'embedding' property if these are different models.");
}
