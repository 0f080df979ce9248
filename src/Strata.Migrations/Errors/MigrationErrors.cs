namespace Strata.Migrations.Errors;

/// <summary>
/// The runtime applier's codes (range 5xxx). They live here, not in Strata.Core's catalog, because services
/// reference this assembly without the build-time one. Every code has a page under docs/diagnostics/.
/// </summary>
public static class MigrationErrors
{
    /// <summary>Same base as Strata.Core's HelpLinks, so build-time and run-time links point at one docs folder.</summary>
    public const string HelpLinkBase = "https://github.com/strata-dotnet/strata/blob/main/docs/diagnostics/";

    public static readonly MigrationErrorDescriptor ChecksumMismatch =
        new("STRATA5001", "An applied migration was edited", MigrationSeverity.Error);

    public static readonly MigrationErrorDescriptor MigrationFailed =
        new("STRATA5002", "A migration failed and was rolled back", MigrationSeverity.Error);

    public static readonly MigrationErrorDescriptor ScriptNotFound =
        new("STRATA5003", "Embedded migration script not found", MigrationSeverity.Error);

    public static readonly MigrationErrorDescriptor MalformedScript =
        new("STRATA5004", "Migration script is malformed", MigrationSeverity.Error);

    public static readonly MigrationErrorDescriptor UnknownApplied =
        new("STRATA5005", "Database has applied migrations this build does not know", MigrationSeverity.Warning);

    public static readonly MigrationErrorDescriptor DatabaseUnavailable =
        new("STRATA5006", "Could not open or lock the database", MigrationSeverity.Error);

    public static readonly MigrationErrorDescriptor CannotRollBack =
        new("STRATA5007", "Cannot roll back to that version", MigrationSeverity.Error);

    public static IReadOnlyList<MigrationErrorDescriptor> All { get; } =
        [ChecksumMismatch, MigrationFailed, ScriptNotFound, MalformedScript, UnknownApplied, DatabaseUnavailable, CannotRollBack];

    public static MigrationErrorDescriptor? Find(string code) => All.FirstOrDefault(d => d.Code == code);
}
