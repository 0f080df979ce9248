namespace Strata.Migrations.Schemas;

/// <summary>One applied schema file as the store's history keeps it; <see cref="Version"/> is normalized ("0002" is "2").</summary>
internal sealed record SchemaHistoryEntry(string Version, string Description, string Checksum, DateTimeOffset AppliedAt, long DurationMs);
