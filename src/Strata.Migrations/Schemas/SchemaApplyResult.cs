using System.Globalization;
using Strata.Migrations.Engine;
using Strata.Migrations.Errors;

namespace Strata.Migrations.Schemas;

/// <summary>What a schema applier run did, for the caller to log.</summary>
/// <param name="Datastore">The bundle's datastore.</param>
/// <param name="Engine">The bundle's engine (elasticsearch, qdrant, chroma, neo4j).</param>
/// <param name="Applied">Files applied by this run, in version order (Source is the file's path in the bundle).</param>
/// <param name="Skipped">Versions of the bundle that the store's history already had: verified, not sent again.</param>
/// <param name="Warnings">Non-fatal findings such as STRATA5107.</param>
/// <param name="Duration">Wall time of the run.</param>
public sealed record SchemaApplyResult(
    string Datastore,
    string Engine,
    IReadOnlyList<AppliedMigration> Applied,
    IReadOnlyList<string> Skipped,
    IReadOnlyList<MigrationWarning> Warnings,
    TimeSpan Duration)
{
    /// <summary>One line such as "Datastore 'search' (elasticsearch): applied 2 schema files in 31 ms (1 already applied); up to date."</summary>
    public string Summary => string.Create(
        CultureInfo.InvariantCulture,
        $"Datastore '{Datastore}' ({Engine}): applied {Applied.Count} schema file{(Applied.Count == 1 ? "" : "s")} in {(long)Duration.TotalMilliseconds} ms ({Skipped.Count} already applied); up to date.");
}
