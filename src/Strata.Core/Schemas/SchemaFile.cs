namespace Strata.Core.Schemas;

/// <summary>
/// One schema file as read from disk. <see cref="Body"/> is normalized (no BOM, LF line ends, no final line end), so
/// line k of the body is line k of the file; <see cref="Checksum"/> is the SQL migrations' checksum of it.
/// </summary>
public sealed record SchemaFile(string Version, string Description, string RelativePath, string Body, string Checksum);
