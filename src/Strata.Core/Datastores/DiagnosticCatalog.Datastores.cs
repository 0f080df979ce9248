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

    public static readonly DiagnosticDescriptor AddDatastoreServiceExists = new(
        "STRATA3105", DiagnosticSeverity.Error, "Compose file already has the datastore's service",
        "The compose file already has {0}, so the service of datastore '{1}' cannot be added; nothing was changed. Rename or remove it, or add the datastore under another name.");

    public static readonly DiagnosticDescriptor AddDatastoreComposeNotEditable = new(
        "STRATA3106", DiagnosticSeverity.Error, "Compose file cannot be edited in place",
        "The service of datastore '{0}' cannot be added to the compose file: {1}. Nothing was changed; write that part in block style, or add the service by hand.");

    public static readonly DiagnosticDescriptor AddDatastoreStackFileNotUpdated = new(
        "STRATA3107", DiagnosticSeverity.Error, "Stack file could not be updated",
        "Could not update '{0}' for datastore '{1}': {2}. Every file was left as it was; fix the cause and run again.");
}
