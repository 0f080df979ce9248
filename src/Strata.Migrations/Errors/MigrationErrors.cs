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

    // 51xx: the schema appliers of the non-SQL stores (Strata.Migrations.Schemas).

    public static readonly MigrationErrorDescriptor SchemaFileEdited =
        new("STRATA5101", "An applied schema file was edited", MigrationSeverity.Error);

    public static readonly MigrationErrorDescriptor SchemaFileFailed =
        new("STRATA5102", "A schema file failed to apply", MigrationSeverity.Error);

    public static readonly MigrationErrorDescriptor StoreUnavailable =
        new("STRATA5103", "Could not reach or read the store", MigrationSeverity.Error);

    public static readonly MigrationErrorDescriptor UnchangeableSetting =
        new("STRATA5104", "A schema file changes what the store cannot change", MigrationSeverity.Error);

    public static readonly MigrationErrorDescriptor SchemaBundleNotFound =
        new("STRATA5105", "Embedded schema bundle not found", MigrationSeverity.Error);

    public static readonly MigrationErrorDescriptor MalformedSchemaBundle =
        new("STRATA5106", "Schema bundle is malformed", MigrationSeverity.Error);

    public static readonly MigrationErrorDescriptor UnknownAppliedSchema =
        new("STRATA5107", "Store has applied schema files this build does not know", MigrationSeverity.Warning);

    public static IReadOnlyList<MigrationErrorDescriptor> All { get; } =
    [
        ChecksumMismatch, MigrationFailed, ScriptNotFound, MalformedScript, UnknownApplied, DatabaseUnavailable, CannotRollBack,
        SchemaFileEdited, SchemaFileFailed, StoreUnavailable, UnchangeableSetting, SchemaBundleNotFound, MalformedSchemaBundle,
        UnknownAppliedSchema,
    ];

    public static MigrationErrorDescriptor? Find(string code) => All.FirstOrDefault(d => d.Code == code);
}
