namespace Strata.Core.Sql.Migrations;

/// <summary>
/// One migration as read from disk. <see cref="Body"/> is its up part as the generated script carries it (no BOM, LF
/// line ends, no final line end, directive lines neutralized), so line k of the body is line k of the file.
/// </summary>
/// <param name="Checksum">Hash of <see cref="Body"/>: what the runtime records and verifies.</param>
/// <param name="FileChecksum">Hash of the whole normalized file, down part included: what the lock file records.</param>
/// <param name="RunsInTransaction">False when the file says <c>-- strata:no-transaction</c> (e.g. CREATE INDEX CONCURRENTLY).</param>
/// <param name="DownBody">The part after <c>-- strata:down</c>, if any, used for rollback scripts.</param>
/// <param name="DownLine">The file line where the down part starts (1-based), or 0.</param>
public sealed record MigrationFile(
    string Version,
    string Description,
    string RelativePath,
    string Body,
    string Checksum,
    string FileChecksum,
    bool RunsInTransaction = true,
    string? DownBody = null,
    int DownLine = 0);
