namespace Strata.Core.Sql.Migrations;

/// <summary>One migration as read from disk: body normalized (no BOM, LF ends, no trailing newlines).</summary>
public sealed record MigrationFile(string Version, string Description, string RelativePath, string Body, string Checksum);
