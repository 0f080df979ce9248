using System.Reflection;

namespace Strata.Migrations.Script;

/// <summary>A parsed migration script (format 1): what one datastore's build embedded into the service.</summary>
public sealed class MigrationScript
{
    internal MigrationScript(
        string name,
        string datastore,
        string engine,
        string prologue,
        int prologueLine,
        IReadOnlyList<ScriptMigration> migrations,
        string? lockTimeout = null,
        string? statementTimeout = null)
    {
        LockTimeout = lockTimeout;
        StatementTimeout = statementTimeout;
        Name = name;
        Datastore = datastore;
        Engine = engine;
        Prologue = prologue;
        PrologueLine = prologueLine;
        Migrations = migrations;
    }

    /// <summary>How errors name the script: a resource name or file path.</summary>
    public string Name { get; }

    public string Datastore { get; }

    public string Engine { get; }

    /// <summary>Idempotent SQL run before anything else, e.g. the history table's CREATE TABLE IF NOT EXISTS.</summary>
    public string Prologue { get; }

    /// <summary>The script line of the prologue's first line, so a failing prologue statement can be located.</summary>
    public int PrologueLine { get; }

    /// <summary>The script's <c>lock_timeout=</c> attribute (a PostgreSQL interval such as <c>10s</c>), or null when absent.</summary>
    public string? LockTimeout { get; }

    /// <summary>The script's <c>statement_timeout=</c> attribute (e.g. <c>15min</c>, <c>0</c> for none), or null when absent.</summary>
    public string? StatementTimeout { get; }

    /// <summary>In version order, versions unique.</summary>
    public IReadOnlyList<ScriptMigration> Migrations { get; }

    /// <summary>Parses a script; CRLF, a BOM and a trailing newline make no difference. Throws STRATA5004 naming the line.</summary>
    public static MigrationScript Parse(string text, string scriptName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(scriptName);
        return new ScriptParser(text, scriptName).Parse();
    }

    /// <summary>Loads the manifest resource <c>Strata/&lt;datastore&gt;/migrate.sql</c>; throws STRATA5003 if it is absent.</summary>
    public static MigrationScript FromEmbeddedResource(Assembly assembly, string datastore) =>
        EmbeddedScript.Load(assembly, datastore);

    /// <summary>The resource name the Strata.Sdk build gives a datastore's script.</summary>
    public static string ResourceName(string datastore) => $"Strata/{datastore}/migrate.sql";
}
