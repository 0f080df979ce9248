namespace Strata.Core.Diagnostics;

/// <summary>1xxx: datastore docs (docs/data/&lt;datastore&gt;.md, seed rule 11.6). See docs/datastore-docs.md.</summary>
public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor DocMissing = new(
        "STRATA1001", DiagnosticSeverity.Error, "Datastore has no doc",
        "Datastore '{0}' ({1}) has no doc. Create '{2}' with its purpose, schema location, backup strategy and retention policy (format: docs/datastore-docs.md).{3}");

    public static readonly DiagnosticDescriptor DocUndeclared = new(
        "STRATA1002", DiagnosticSeverity.Warning, "Doc for an undeclared datastore",
        "'{0}' documents datastore '{1}', but no Datastore item declares it. Add <Datastore Include=\"{1}\" Engine=\"...\" /> to the project, or delete or rename the file.");

    public static readonly DiagnosticDescriptor DocUnreadable = new(
        "STRATA1003", DiagnosticSeverity.Error, "Datastore doc cannot be read",
        "Could not read the datastore doc: {0}.");

    public static readonly DiagnosticDescriptor DocFrontMatterInvalid = new(
        "STRATA1004", DiagnosticSeverity.Error, "Datastore doc front matter is missing or invalid",
        "Datastore doc front matter is invalid: {0}.");

    public static readonly DiagnosticDescriptor DocRequiredFieldMissing = new(
        "STRATA1005", DiagnosticSeverity.Error, "Required front-matter field missing",
        "Required front-matter field '{0}' is missing: {1}.");

    public static readonly DiagnosticDescriptor DocRequiredSectionMissing = new(
        "STRATA1006", DiagnosticSeverity.Error, "Required section missing",
        "Required section '## {0}' is missing. Add a '## {0}' heading followed by {1}.");

    public static readonly DiagnosticDescriptor DocPlaceholder = new(
        "STRATA1007", DiagnosticSeverity.Error, "Placeholder text in a datastore doc",
        "{0} still holds placeholder text ({1}). Replace it with the real facts.");

    public static readonly DiagnosticDescriptor DocEngineMismatch = new(
        "STRATA1008", DiagnosticSeverity.Error, "Doc engine does not match the Datastore item",
        "The doc says engine '{0}', but Datastore '{1}' is declared with Engine=\"{2}\". Make the doc and the project file agree.");

    public static readonly DiagnosticDescriptor DocDatastoreMismatch = new(
        "STRATA1009", DiagnosticSeverity.Error, "Doc datastore name does not match its file name",
        "Field 'datastore' is '{0}', but the file '{1}' documents datastore '{2}'. Set 'datastore: {2}' or rename the file.");

    public static readonly DiagnosticDescriptor DocPathInvalid = new(
        "STRATA1010", DiagnosticSeverity.Error, "Path in a datastore doc does not exist or leaves the project",
        "Field '{0}' names '{1}', which {2}. Paths are relative to the project directory.");

    public static readonly DiagnosticDescriptor DocValueUnparsable = new(
        "STRATA1011", DiagnosticSeverity.Error, "Duration, schedule or period does not parse",
        "Field '{0}' is '{1}', which is not {2}: {3}.");

    public static readonly DiagnosticDescriptor DocBackupMissesRpo = new(
        "STRATA1012", DiagnosticSeverity.Error, "Backup schedule cannot meet the RPO",
        "Backups run every {0} (backup.schedule '{1}'), which is longer than the recovery point objective {2} (backup.rpo '{3}'): a failure could lose more data than the RPO allows. Back up more often or relax the RPO.");

    public static readonly DiagnosticDescriptor DocUnknownField = new(
        "STRATA1013", DiagnosticSeverity.Warning, "Unknown front-matter field",
        "Unknown front-matter field '{0}'{1}");

    public static readonly DiagnosticDescriptor DocDuplicateSection = new(
        "STRATA1014", DiagnosticSeverity.Error, "Required section appears twice",
        "Section '## {0}' appears more than once (first at line {1}). Merge the two into one section.");

    public static readonly DiagnosticDescriptor DocRejected = new(
        "STRATA1015", DiagnosticSeverity.Error, "Datastore doc is too large or too complex",
        "Datastore doc rejected: {0}. Datastore docs are small hand-written files; simplify it.");

    public static readonly DiagnosticDescriptor DocClassificationUnknown = new(
        "STRATA1016", DiagnosticSeverity.Error, "Unknown data classification",
        "classification '{0}' is not one of: {1}.{2}");

    public static readonly DiagnosticDescriptor DocFieldWrongType = new(
        "STRATA1017", DiagnosticSeverity.Error, "Front-matter field has the wrong type",
        "Field '{0}' must be {1}, but is {2}.");

    public static readonly DiagnosticDescriptor DocPathUnsafe = new(
        "STRATA1018", DiagnosticSeverity.Error, "Datastore doc path leaves the docs directory",
        "The doc for datastore '{0}' would be read from '{1}', which {2}. Strata reads datastore docs only from '{3}'.");
}
