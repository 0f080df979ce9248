using System.Globalization;
using Strata.Migrations.Errors;

namespace Strata.Migrations.Engine;

/// <summary>What a run did, for the caller to log.</summary>
/// <param name="Datastore">The script's datastore name.</param>
/// <param name="Applied">Applied by this run, in order.</param>
/// <param name="AlreadyApplied">Script migrations that were applied before this run, or by a concurrent run meanwhile.</param>
/// <param name="Warnings">Non-fatal findings such as STRATA5005.</param>
/// <param name="Duration">Wall time of the run, including waiting for locks.</param>
public sealed record MigrationResult(
    string Datastore,
    IReadOnlyList<AppliedMigration> Applied,
    int AlreadyApplied,
    IReadOnlyList<MigrationWarning> Warnings,
    TimeSpan Duration)
{
    /// <summary>One line such as "Datastore 'main': applied 2 migrations in 31 ms (1 already applied); up to date."</summary>
    public string Summary => string.Create(
        CultureInfo.InvariantCulture,
        $"Datastore '{Datastore}': applied {Applied.Count} migration{(Applied.Count == 1 ? "" : "s")} in {(long)Duration.TotalMilliseconds} ms ({AlreadyApplied} already applied); up to date.");
}
