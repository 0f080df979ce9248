namespace Strata.Core.Sql.Migrations;

/// <summary>One migration as read from disk: body as MigrationChecksum.BodyFromSource gives it (no BOM, LF ends, no final line end).</summary>
public sealed record MigrationFile(string Version, string Description, string RelativePath, string Body, string Checksum);
