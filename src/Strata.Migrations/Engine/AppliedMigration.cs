namespace Strata.Migrations.Engine;

/// <summary>A migration this run applied.</summary>
public sealed record AppliedMigration(string Version, string Description, string Source, TimeSpan Duration);
