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
        "Migrations '{0}' and '{1}' both have version {2}; this usually means two branches were merged. Renumber the newer one above the highest version.");

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
        "Migration '{0}' is a link to '{1}', outside the project directory; migrations must live in the repository.");
}
