namespace Strata.Core.Sql.Migrations;

/// <summary>The script generated for one datastore: where it goes, what it says, and how many migrations it holds.</summary>
public sealed record GeneratedScript(string Datastore, string Engine, string RelativeOutputPath, string Content, int MigrationCount, string? FirstVersion, string? LastVersion);
