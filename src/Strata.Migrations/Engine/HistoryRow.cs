namespace Strata.Migrations.Engine;

/// <summary>One row of the history table, as a dialect reads or writes it. A null <see cref="AppliedBy"/> lets the dialect choose its default.</summary>
internal sealed record HistoryRow(
    string NormalizedVersion,
    string Description,
    string Checksum,
    DateTimeOffset? AppliedAt,
    string? AppliedBy,
    long DurationMs);
