namespace Strata.Core.Diagnostics;

public static partial class DiagnosticCatalog
{
    /// <summary>Raised from Sdk.targets (not from a task): the tasks need the .NET MSBuild that `dotnet build` runs.</summary>
    public static readonly DiagnosticDescriptor RequiresDotnetMSBuild = new(
        "STRATA0001", DiagnosticSeverity.Error, "Strata.Sdk needs the .NET SDK's MSBuild",
        "Strata.Sdk runs only under the .NET SDK's MSBuild ('dotnet build'); this build runs MSBuild '{0}' on the .NET Framework.");

    public static readonly DiagnosticDescriptor UnknownEngine = new(
        "STRATA0002", DiagnosticSeverity.Error, "Unknown datastore engine",
        "Datastore '{0}' has engine '{1}', which Strata does not know. Known engines: {2}.");

    public static readonly DiagnosticDescriptor UnsafeDatastoreName = new(
        "STRATA0003", DiagnosticSeverity.Error, "Datastore name is not a safe folder name",
        "Datastore name '{0}' is not allowed: {1}. Use lowercase letters, digits, '-' and '_', starting with a letter.");

    public static readonly DiagnosticDescriptor DuplicateDatastore = new(
        "STRATA0004", DiagnosticSeverity.Error, "Datastore declared twice",
        "Datastore '{0}' is declared more than once; each Datastore item needs a unique name.");

    public static readonly DiagnosticDescriptor InternalError = new(
        "STRATA0005", DiagnosticSeverity.Error, "Strata failed unexpectedly",
        "Strata failed unexpectedly while {0}: {1}. Nothing was written. Please report this with the build log.");

    public static readonly DiagnosticDescriptor OutputWriteFailed = new(
        "STRATA0006", DiagnosticSeverity.Error, "Could not write a generated file",
        "Could not write '{0}': {1}. The previous file, if any, was left as it was.");

    public static readonly DiagnosticDescriptor MissingEngine = new(
        "STRATA0007", DiagnosticSeverity.Error, "Datastore has no engine",
        "Datastore '{0}' has no Engine metadata. Add Engine=\"...\", one of: {1}.");
}
