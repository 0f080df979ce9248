namespace Strata.Core.Diagnostics;

public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor MigrationsFolderMissing = new(
        "STRATA2001", DiagnosticSeverity.Error, "Migrations folder is missing or unreadable",
        "Datastore '{0}' keeps its schema in '{1}', which {2}. Create it with a first migration such as '{1}/0001_create_tables.sql'.");

    public static readonly DiagnosticDescriptor MigrationFileName = new(
        "STRATA2002", DiagnosticSeverity.Error, "Migration file name does not match <version>_<description>.sql",
        "Migration file '{0}' does not match '<version>_<description>.sql' (version: digits; description: letters, digits, '_' or '-'), for example '0002_add_orders.sql'.");

    public static readonly DiagnosticDescriptor DuplicateMigrationVersion = new(
        "STRATA2003", DiagnosticSeverity.Error, "Two migrations share a version",
        "Migrations '{0}' and '{1}' both have version {2}; this usually happens when two branches are merged. Renumber the one that is not released yet above the highest version.");

    public static readonly DiagnosticDescriptor EmptyMigration = new(
        "STRATA2004", DiagnosticSeverity.Error, "Migration is empty",
        "Migration '{0}' has no SQL statement; an empty migration would be recorded as applied without changing anything.");

    public static readonly DiagnosticDescriptor MigrationNotUtf8 = new(
        "STRATA2005", DiagnosticSeverity.Error, "Migration is not valid UTF-8",
        "Migration '{0}' is not valid UTF-8 (invalid byte 0x{1:X2}); save it as UTF-8.");

    public static readonly DiagnosticDescriptor UnterminatedToken = new(
        "STRATA2006", DiagnosticSeverity.Error, "Unterminated string, identifier, comment or dollar quote",
        "This {0} is never closed, so the rest of '{1}' would be swallowed by it.");

    public static readonly DiagnosticDescriptor ReservedMarker = new(
        "STRATA2007", DiagnosticSeverity.Error, "Migration contains a reserved Strata marker",
        "Lines starting with '-- strata:' are reserved for Strata directives (-- strata:no-transaction, -- strata:down) and the generated script; reword this comment.");

    public static readonly DiagnosticDescriptor NoMigrations = new(
        "STRATA2008", DiagnosticSeverity.Warning, "Datastore has no migrations",
        "Datastore '{0}' has no migration in '{1}'; the generated script only creates the history table.");

    public static readonly DiagnosticDescriptor MigrationTooLarge = new(
        "STRATA2009", DiagnosticSeverity.Error, "Migration file is too large",
        "Migration '{0}' is {1:N0} bytes; the limit is {2:N0}. Split it, or load bulk data outside migrations.");

    public static readonly DiagnosticDescriptor MigrationOutsideProject = new(
        "STRATA2010", DiagnosticSeverity.Error, "Migration resolves outside the project",
        "'{0}' leads to '{1}', outside the project directory (through a link); migrations must live in the repository.");

    public static readonly DiagnosticDescriptor LockedMigrationEdited = new(
        "STRATA2011", DiagnosticSeverity.Error, "A released migration was edited",
        "Migration '{0}' is locked in '{1}' (released) but its content changed (locked {2}, now {3}). Databases that applied it would refuse it. Revert the edit and add a new migration, or record the edit on purpose: dotnet build -t:StrataLockMigrations -p:StrataAcceptEdits={4}.");

    public static readonly DiagnosticDescriptor LockedMigrationMissing = new(
        "STRATA2012", DiagnosticSeverity.Error, "A released migration was deleted or renamed",
        "Migration {0} ('{1}') is locked in this file but no longer exists in '{2}'. Restore it: released migrations must stay, since databases have applied them.");

    public static readonly DiagnosticDescriptor OutOfOrderMigration = new(
        "STRATA2013", DiagnosticSeverity.Error, "New migration is numbered below a released one",
        "Migration '{0}' is new but its version {1} is below the highest released version {2}; databases that applied {2} would never run it in order. Renumber it above {2}.");

    public static readonly DiagnosticDescriptor MalformedLock = new(
        "STRATA2014", DiagnosticSeverity.Error, "Lock file line is malformed",
        "This line of the migration lock file is not '<version> <sha256> <file name> [accepts=<sha256>,...]': '{0}'. Restore it from version control.");

    public static readonly DiagnosticDescriptor LockedFileRenamed = new(
        "STRATA2015", DiagnosticSeverity.Warning, "A released migration's file name changed",
        "Migration {0} is locked as '{1}' but the file is now '{2}'; the runtime identifies migrations by version, so this is harmless, but run dotnet build -t:StrataLockMigrations to record the new name.");

    public static readonly DiagnosticDescriptor MigrationUnreadable = new(
        "STRATA2016", DiagnosticSeverity.Error, "Migration file cannot be read",
        "'{0}' cannot be read: {1}");

    public static readonly DiagnosticDescriptor InvalidScriptSetting = new(
        "STRATA2017", DiagnosticSeverity.Error, "Invalid migration script setting",
        "{0} is '{1}', which is not a PostgreSQL interval Strata accepts: a number with ms, s, min, h or d (for example 10s or 15min), or 0 for no limit.");

    public static readonly DiagnosticDescriptor NoDownPart = new(
        "STRATA2018", DiagnosticSeverity.Error, "Migration has no down part",
        "Rolling back to {0} needs the down part of migration '{1}', which has none. Add '-- strata:down' followed by the SQL that undoes it.");

    public static readonly DiagnosticDescriptor UnknownRollbackTarget = new(
        "STRATA2019", DiagnosticSeverity.Error, "Rollback target is not a migration version",
        "StrataRollbackTo is '{0}', which is not the version of a migration of datastore '{1}' (nor 0, which rolls everything back).");

    public static readonly DiagnosticDescriptor DryRunFailed = new(
        "STRATA2050", DiagnosticSeverity.Error, "Migration fails in the dry run",
        "{0}");

    public static readonly DiagnosticDescriptor DryRunNoConnection = new(
        "STRATA2051", DiagnosticSeverity.Error, "Dry run has no connection string",
        "The dry run of datastore '{0}' ({1}) needs a connection string: set the environment variable STRATA_DRYRUN_CONNECTION__{0} or ConnectionStrings__{0}, or the property StrataDryRunConnection.");

    public static readonly DiagnosticDescriptor DryRunNotPossible = new(
        "STRATA2052", DiagnosticSeverity.Error, "Dry run could not run",
        "The dry run of datastore '{0}' could not run: {1}");
}
