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

    /// <summary>The table the prologue creates; the runtime reads and writes it, one row per applied migration.</summary>
    public const string HistoryTable = "strata_schema_history";
}
