namespace Strata.Migrations.Script;

/// <summary>
/// One migration of a generated script. <see cref="Body"/> line k is line k of <see cref="Source"/>,
/// which is how a failing statement is reported at its place in the source file.
/// </summary>
/// <param name="Version">The version as written in the file name (e.g. "0002").</param>
/// <param name="NormalizedVersion">The history table's form (e.g. "2"); see <see cref="MigrationVersion.Normalize"/>.</param>
/// <param name="Description">From the file name, e.g. "add due".</param>
/// <param name="Checksum">SHA-256 of <paramref name="Body"/>, 64 lowercase hex digits.</param>
/// <param name="Source">The source file, relative to the project, with '/' separators.</param>
/// <param name="Body">The SQL, LF line ends, no trailing newline; <see cref="Checksum"/> is computed on it.</param>
/// <param name="ScriptLine">The line of the migration's header in the script, for errors about the script itself.</param>
/// <param name="Transactional">False for <c>transaction=none</c>: the body runs outside a transaction (e.g. CREATE INDEX CONCURRENTLY).</param>
/// <param name="DownBody">What undoes the migration (the source file's part after <c>-- strata:down</c>), or null.</param>
/// <param name="DownLine">The source file line where <paramref name="DownBody"/> starts.</param>
public sealed record ScriptMigration(
    string Version,
    string NormalizedVersion,
    string Description,
    string Checksum,
    string Source,
    string Body,
    int ScriptLine = 0,
    bool Transactional = true,
    string? DownBody = null,
    int DownLine = 0);
