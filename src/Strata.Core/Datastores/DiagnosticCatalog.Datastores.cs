namespace Strata.Core.Diagnostics;

/// <summary>
/// 31xx: adding a datastore to an existing service (<c>dotnet new strata-datastore</c>, target StrataAddDatastore).
/// 30xx is left to compose. Kept beside the code that raises them.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor DatastoreAlreadyExists = new(
        "STRATA3101", DiagnosticSeverity.Error, "Datastore already exists",
        "Datastore '{0}' is already declared (Engine=\"{1}\"), so it cannot be added again; nothing was changed. Pick another name, or edit the existing datastore's files.");

    public static readonly DiagnosticDescriptor AddDatastoreFileKept = new(
        "STRATA3102", DiagnosticSeverity.Warning, "Existing file kept when adding a datastore",
        "'{0}' already exists and was kept as it is: adding datastore '{1}' never overwrites a file. Check that it suits the {2} engine.");

    public static readonly DiagnosticDescriptor AddDatastoreProjectNotUpdated = new(
        "STRATA3103", DiagnosticSeverity.Error, "Project file could not be updated",
        "Could not add the Datastore item to '{0}': {1}. Nothing was changed; add <Datastore Include=\"{2}\" Engine=\"{3}\" /> by hand, or fix the project file and run again.");

    public static readonly DiagnosticDescriptor AddDatastoreParameterMissing = new(
        "STRATA3104", DiagnosticSeverity.Error, "Datastore name or engine not given",
        "StrataAddDatastore needs {0}: pass -p:StrataDatastoreName=<name> -p:StrataDatastoreEngine=<engine> (engines: {1}), or use 'dotnet new strata-datastore --name <name> --engine <engine>'.");
}
