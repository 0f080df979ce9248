namespace Strata.Migrations.Errors;

/// <summary>Default severity of a runtime code; a warning is reported in the result instead of thrown.</summary>
public enum MigrationSeverity
{
    Warning,
    Error,
}
