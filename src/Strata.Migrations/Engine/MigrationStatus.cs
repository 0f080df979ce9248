namespace Strata.Migrations.Engine;

/// <summary>
/// One line of <c>migrate status</c>. <see cref="Source"/> is null for an unknown applied migration, and
/// <see cref="AppliedAt"/> is null for a pending one.
/// </summary>
public sealed record MigrationStatus(
    string Version,
    string Description,
    string? Source,
    MigrationState State,
    DateTimeOffset? AppliedAt,
    string? ScriptChecksum,
    string? AppliedChecksum);
