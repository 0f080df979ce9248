namespace Strata.Migrations.Script;

/// <summary>
/// The line markers of a generated migration script (format 1). Strata.Sdk writes them; the runtime
/// reads them back. They are SQL comments, so the script stays plain SQL for any other reader.
/// </summary>
public static class ScriptFormat
{
    public const int Version = 1;
    public const string MarkerPrefix = "-- strata:";
    public const string Script = "-- strata:script";
    public const string Prologue = "-- strata:prologue";
    public const string Migration = "-- strata:migration";
    public const string Description = "-- strata:description";
    public const string End = "-- strata:end";

    /// <summary>Opens a section of commands for <c>psql -f</c> only (session setup, <c>\if</c> glue, history inserts); the runtime skips it.</summary>
    public const string Psql = "-- strata:psql";

    /// <summary>
    /// Opens the down part of an earlier migration (<c>version=… checksum=… line=…</c>, line: where it starts in the
    /// source file), run only by <c>migrate down</c>; closed by <see cref="End"/>.
    /// </summary>
    public const string Down = "-- strata:down";

    /// <summary>Script attribute: PostgreSQL <c>lock_timeout</c> for the migration session, e.g. <c>10s</c>.</summary>
    public const string LockTimeoutAttribute = "lock_timeout";

    /// <summary>Script attribute: PostgreSQL <c>statement_timeout</c> for the migration session, e.g. <c>15min</c> or <c>0</c> (none).</summary>
    public const string StatementTimeoutAttribute = "statement_timeout";

    /// <summary>Migration attribute: <c>transaction=none</c> runs the body outside a transaction (CREATE INDEX CONCURRENTLY, VACUUM).</summary>
    public const string TransactionAttribute = "transaction";

    public const string TransactionNone = "none";

    /// <summary>What the PostgreSQL runtime uses when the script has no <c>lock_timeout</c> attribute.</summary>
    public const string DefaultLockTimeout = "10s";

    /// <summary>What the PostgreSQL runtime uses when the script has no <c>statement_timeout</c> attribute.</summary>
    public const string DefaultStatementTimeout = "15min";

    /// <summary>The table the prologue creates; the runtime reads and writes it, one row per applied migration.</summary>
    public const string HistoryTable = "strata_schema_history";
}
