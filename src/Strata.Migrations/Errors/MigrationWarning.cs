namespace Strata.Migrations.Errors;

/// <summary>A non-fatal finding of a run (e.g. STRATA5005), for the caller to log. <see cref="Message"/> is one line.</summary>
public sealed record MigrationWarning(MigrationErrorDescriptor Error, string Detail)
{
    public string Code => Error.Code;

    public string Message => MigrationException.Format(Error, MigrationSeverity.Warning, Detail, sourceFile: null, line: null);
}
