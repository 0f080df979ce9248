using Strata.Core.Diagnostics;
using Strata.Core.Docs.Rules;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Docs;

/// <summary>What a per-doc rule sees: the parsed doc, the Datastore item it documents, and the project directory.</summary>
internal sealed class DocRuleContext(DatastoreDoc doc, DeclaredDatastore datastore, string projectDirectory)
{
    public DatastoreDoc Doc { get; } = doc;

    public DeclaredDatastore Datastore { get; } = datastore;

    /// <summary>Absolute, normalised project directory; paths in the doc are relative to it.</summary>
    public string ProjectDirectory { get; } = projectDirectory;

    public YamlMappingNode FrontMatter => Doc.FrontMatter;

    /// <summary>A scalar field's value node when it is present and not empty; otherwise null (other rules report that).</summary>
    public YamlScalarNode? Value(string path) =>
        DocFields.Scalar(FrontMatter, path) is { } scalar && !DocFields.IsEmpty(scalar) ? scalar : null;
}

internal delegate IEnumerable<Diagnostic> DocRuleCheck(DocRuleContext context);

/// <summary>One per-doc rule: the code it reports and the check.</summary>
internal sealed record DocRule(DiagnosticDescriptor Descriptor, DocRuleCheck Check);

/// <summary>
/// Every datastore-doc rule, in one place. The loader reports STRATA1003 (unreadable), 1004 (front matter) and
/// 1015 (hostile input); <see cref="DatastoreDocValidator"/> reports the project-level 1001, 1002 and 1018; the
/// rules below run on each doc that parsed.
/// </summary>
internal static class DocRules
{
    public static IReadOnlyList<DocRule> All { get; } =
    [
        new(DiagnosticCatalog.DocRequiredFieldMissing, RequiredFieldsRule.Check),
        new(DiagnosticCatalog.DocFieldWrongType, FieldTypesRule.Check),
        new(DiagnosticCatalog.DocUnknownField, UnknownFieldsRule.Check),
        new(DiagnosticCatalog.DocRequiredSectionMissing, RequiredSectionsRule.Check),
        new(DiagnosticCatalog.DocDuplicateSection, DuplicateSectionsRule.Check),
        new(DiagnosticCatalog.DocPlaceholder, PlaceholderRule.Check),
        new(DiagnosticCatalog.DocEngineMismatch, EngineRule.Check),
        new(DiagnosticCatalog.DocDatastoreMismatch, DatastoreNameRule.Check),
        new(DiagnosticCatalog.DocPathInvalid, PathsRule.Check),
        new(DiagnosticCatalog.DocValueUnparsable, ValuesRule.Check),
        new(DiagnosticCatalog.DocBackupMissesRpo, BackupMeetsRpoRule.Check),
        new(DiagnosticCatalog.DocClassificationUnknown, ClassificationRule.Check),
    ];

    /// <summary>The H2 sections every doc needs (matched case-insensitively), with what each should say.</summary>
    public static IReadOnlyList<(string Title, string Content)> RequiredSections { get; } =
    [
        ("Purpose", "what the datastore holds, who writes and reads it"),
        ("Schema definition", "where the schema is defined (schema.location) and how it changes"),
        ("Backup strategy", "how and how often it is backed up, where backups go, and how a restore is done"),
        ("Retention policy", "how long data is kept and how expired data is removed"),
    ];

    public static IEnumerable<Diagnostic> Run(DocRuleContext context) =>
        All.SelectMany(rule => rule.Check(context));
}
