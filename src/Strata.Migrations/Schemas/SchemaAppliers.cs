using System.Reflection;
using Strata.Migrations.Errors;
using Strata.Migrations.Schemas.Chroma;
using Strata.Migrations.Schemas.Elasticsearch;
using Strata.Migrations.Schemas.Neo4j;
using Strata.Migrations.Schemas.Qdrant;

namespace Strata.Migrations.Schemas;

/// <summary>
/// The entry point a service calls at start-up: picks the applier for the bundle's engine and applies the bundle.
/// MongoDB's files are applied by the one-shot compose service (ops/schema/mongodb.js), Redis has nothing to apply.
/// </summary>
public static class SchemaAppliers
{
    /// <summary>The engines with an HTTP applier here.</summary>
    public static IReadOnlyList<string> Engines { get; } = ["elasticsearch", "qdrant", "chroma", "neo4j"];

    /// <summary>
    /// Applies the bundle's pending files to the store at <paramref name="endpoint"/> (Elasticsearch's, Qdrant's or
    /// Chroma's REST base, Neo4j's HTTP base, e.g. http://neo4j:7474).
    /// </summary>
    /// <exception cref="MigrationException">STRATA51xx: a file was edited after it was applied, failed, or the store could not be reached.</exception>
    public static async Task<SchemaApplyResult> ApplyAsync(
        SchemaBundle bundle, Uri endpoint, SchemaApplierOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        using var applier = Create(bundle.Engine, endpoint, options);
        return await applier.ApplyAsync(bundle, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the datastore's embedded bundle (<see cref="SchemaBundle.FromAssembly"/>) and applies it.</summary>
    public static Task<SchemaApplyResult> ApplyEmbeddedAsync(
        Assembly assembly, string datastore, Uri endpoint, SchemaApplierOptions? options = null, CancellationToken cancellationToken = default) =>
        ApplyAsync(SchemaBundle.FromAssembly(assembly, datastore), endpoint, options, cancellationToken);

    /// <summary>The applier for an engine; dispose it when done (it owns an HttpClient unless the options give one).</summary>
    public static SchemaApplier Create(string engine, Uri endpoint, SchemaApplierOptions? options = null) =>
        engine.ToLowerInvariant() switch
        {
            "elasticsearch" => new ElasticsearchSchemaApplier(endpoint, options),
            "qdrant" => new QdrantSchemaApplier(endpoint, options),
            "chroma" => new ChromaSchemaApplier(endpoint, options),
            "neo4j" => new Neo4jSchemaApplier(endpoint, options),
            "mongodb" => throw new MigrationException(
                MigrationErrors.MalformedSchemaBundle,
                "MongoDB schema files are applied by mongosh in the one-shot compose service '<datastore>-schema' (ops/schema/mongodb.js), not by Strata.Migrations."),
            _ => throw new MigrationException(
                MigrationErrors.MalformedSchemaBundle,
                $"Engine '{engine}' has no schema applier in Strata.Migrations (it has one for {string.Join(", ", Engines)})."),
        };
}
