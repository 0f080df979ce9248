using System.Text;
using Strata.Core.Diagnostics;
using Strata.Core.Docs;

namespace Strata.Core.Tests.Docs;

/// <summary>One flagged and one clean case per rule, asserting code, line and column.</summary>
public sealed class DatastoreDocRuleTests : IDisposable
{
    private readonly TempProject _project = new();

    public void Dispose() => _project.Dispose();

    [Fact]
    public void Complete_valid_doc_has_no_diagnostics() =>
        _project.WriteDoc().Validate().ShouldBeClean();

    [Fact]
    public void STRATA1001_declared_datastore_without_doc()
    {
        var diagnostic = _project.Validate().ShouldBeSingle("STRATA1001", 0, 0);
        diagnostic.Message.ShouldContain("Create 'docs/data/main.md'");
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
    }

    [Fact]
    public void STRATA1001_mentions_a_file_that_differs_only_in_case()
    {
        _project.Write("docs/data/Main.md", TempProject.ValidDoc);
        if (File.Exists(_project.FullPath(TempProject.DocPath)))
        {
            return; // case-insensitive file system: the doc is found, nothing to report
        }

        _project.Validate().ShouldBeSingle("STRATA1001", 0, 0).Message.ShouldContain("'Main.md' exists");
    }

    [Fact]
    public void STRATA1002_doc_for_undeclared_datastore_is_a_warning()
    {
        _project.WriteDoc().Write("docs/data/orders.md", "# anything");
        var diagnostic = _project.Validate().ShouldBeSingle("STRATA1002", 1, 1, "docs/data/orders.md");
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Warning);
        diagnostic.Message.ShouldContain("<Datastore Include=\"orders\"");
    }

    [Fact]
    public void STRATA1002_not_reported_for_declared_docs_or_a_readme()
    {
        _project.WriteDoc().Write("docs/data/README.md", "# Datastores")
            .Write("docs/data/cache.md", TempProject.ValidDoc.Replace("datastore: main", "datastore: cache", StringComparison.Ordinal));
        _project.Validate(new DeclaredDatastore("main", "sqlite"), new DeclaredDatastore("cache", "sqlite")).ShouldBeClean();
    }

    [Fact]
    public void STRATA1003_invalid_utf8_points_at_the_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes(TempProject.ValidDoc).ToList();
        var offset = TempProject.ValidDoc.IndexOf("orders-team", StringComparison.Ordinal);
        bytes.Insert(offset, 0xFF);
        var diagnostic = _project.WriteBytes(TempProject.DocPath, [.. bytes]).Validate().ShouldBeSingle("STRATA1003", 4, 8);
        diagnostic.Message.ShouldContain($"byte offset {offset}");
    }

    [Fact]
    public void STRATA1003_a_utf8_bom_is_fine() =>
        _project.WriteBytes(TempProject.DocPath, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(TempProject.ValidDoc)]).Validate().ShouldBeClean();

    [Fact]
    public void STRATA1003_a_folder_instead_of_a_file()
    {
        Directory.CreateDirectory(_project.FullPath(TempProject.DocPath));
        _project.Validate().ShouldBeSingle("STRATA1003", 0, 0);
    }

    [Fact]
    public void STRATA1004_missing_front_matter() =>
        _project.Write(TempProject.DocPath, "# main\n\n## Purpose\nText.\n").Validate().ShouldBeSingle("STRATA1004", 1, 1);

    [Fact]
    public void STRATA1004_unclosed_front_matter() =>
        _project.Write(TempProject.DocPath, "---\ndatastore: main\n# main\n").Validate().ShouldBeSingle("STRATA1004", 1, 1);

    [Fact]
    public void STRATA1004_invalid_yaml_has_the_yaml_position() =>
        _project.WriteDoc("owner: orders-team", "owner: \"orders-team").Validate().ShouldBeSingle("STRATA1004", 4, 8);

    [Fact]
    public void STRATA1004_front_matter_that_is_not_a_mapping() =>
        _project.Write(TempProject.DocPath, "---\n- main\n- sqlite\n---\n# main\n").Validate().ShouldBeSingle("STRATA1004", 2, 1)
            .Message.ShouldContain("mapping");

    [Fact]
    public void STRATA1004_duplicate_key() =>
        _project.WriteDoc("owner: orders-team", "owner: orders-team\nowner: other").Validate().Single().Id.ShouldBe("STRATA1004");

    [Fact]
    public void STRATA1005_missing_top_level_field_points_at_line_1() =>
        _project.WriteDoc("owner: orders-team\n", "").Validate().ShouldBeSingle("STRATA1005", 1, 1).Message.ShouldContain("'owner'");

    [Fact]
    public void STRATA1005_missing_nested_field_points_at_its_parent() =>
        _project.WriteDoc("  rpo: PT24H\n", "").Validate().ShouldBeSingle("STRATA1005", 10, 1).Message.ShouldContain("'backup.rpo'");

    [Fact]
    public void STRATA1005_missing_mapping_is_one_diagnostic() =>
        _project.WriteDoc("retention:\n  period: P90D\n  mechanism: scheduled DELETE job\n", "").Validate()
            .ShouldBeSingle("STRATA1005", 1, 1).Message.ShouldContain("period, mechanism");

    [Fact]
    public void STRATA1006_missing_section_points_at_the_title() =>
        _project.WriteDoc("## Retention policy\n", "").Validate().ShouldBeSingle("STRATA1006", 21, 1).Message.ShouldContain("'## Retention policy'");

    [Fact]
    public void STRATA1006_section_names_are_case_insensitive_and_setext_headings_count() =>
        _project.WriteDoc("## Retention policy\n", "RETENTION POLICY\n---\n").Validate().ShouldBeClean();

    [Fact]
    public void STRATA1006_other_sections_are_allowed() =>
        _project.WriteDoc("## Purpose", "## Owners\nThe orders team.\n\n## Purpose").Validate().ShouldBeClean();

    [Theory]
    [InlineData("purpose: Orders and their line items for the Orders service.", "purpose: TODO", 5, 10)]
    [InlineData("purpose: Orders and their line items for the Orders service.", "purpose: Orders, TBD.", 5, 18)]
    [InlineData("owner: orders-team", "owner: <team-name>", 4, 8)]
    [InlineData("owner: orders-team", "owner: \"FIXME\"", 4, 9)]
    [InlineData("owner: orders-team", "owner:", 4, 7)]
    [InlineData("  mechanism: scheduled DELETE job", "  mechanism: Describe how data is deleted.", 19, 14)]
    [InlineData("Orders and their line items, written", "TODO: orders and their line items, written", 24, 1)]
    [InlineData("A daily online backup", "Describe the backup. A daily online backup", 30, 1)]
    [InlineData("then removed by a scheduled DELETE job.", "then removed by <mechanism>.", 33, 46)]
    [InlineData("then removed by a scheduled DELETE job.", "then removed by <...>.", 33, 46)]
    [InlineData("then removed by a scheduled DELETE job.", "then removed by **XXX**.", 33, 48)]
    [InlineData("Orders are kept for 90 days, then removed by a scheduled DELETE job.\n", "<!-- Describe the retention policy. -->\n", 33, 6)]
    [InlineData("Orders are kept for 90 days, then removed by a scheduled DELETE job.\n", "", 32, 1)]
    public void STRATA1007_placeholder_text(string replace, string with, int line, int column) =>
        _project.WriteDoc(replace, with).Validate().ShouldBeSingle("STRATA1007", line, column);

    [Theory]
    [InlineData("Orders and their line items,", "Orders (XXL ones too) and todo items; to describe: their line items,")]
    [InlineData("Orders and their line items,", "Orders where `<id>` is `TODO`, and <b>their</b> line items <https://example.com>,")]
    [InlineData("A daily online backup", "```sh\n# TODO: never shown\n```\nA daily online backup")]
    public void STRATA1007_not_flagged_for_real_text(string replace, string with) =>
        _project.WriteDoc(replace, with).Validate().ShouldBeClean();

    [Fact]
    public void STRATA1008_engine_mismatch_points_at_the_value() =>
        _project.WriteDoc("engine: sqlite", "engine: postgres").Validate().ShouldBeSingle("STRATA1008", 3, 9).Message.ShouldContain("Engine=\"sqlite\"");

    [Fact]
    public void STRATA1008_engine_comparison_ignores_case() =>
        _project.WriteDoc("engine: sqlite", "engine: SQLite").Validate().ShouldBeClean();

    [Fact]
    public void STRATA1009_datastore_name_mismatch() =>
        _project.WriteDoc("datastore: main", "datastore: orders").Validate().ShouldBeSingle("STRATA1009", 2, 12);

    [Fact]
    public void STRATA1009_matching_name_is_clean() =>
        _project.WriteDoc("datastore: main", "datastore: \"main\"").Validate().ShouldBeClean();

    [Theory]
    [InlineData("  location: db/main/migrations", "  location: db/other", 9, 13, "does not exist")]
    [InlineData("  location: db/main/migrations", "  location: ../outside", 9, 13, "leaves the project")]
    [InlineData("  location: db/main/migrations", "  location: /etc", 9, 13, "absolute")]
    [InlineData("  location: db/main/migrations", "  location:\n    - db/main/migrations\n    - db/missing", 11, 7, "does not exist")]
    [InlineData("  script: ops/backup/main.sh", "  script: ops/backup/other.sh", 13, 11, "does not exist")]
    [InlineData("  script: ops/backup/main.sh", "  script: ops/backup", 13, 11, "folder")]
    public void STRATA1010_paths(string replace, string with, int line, int column, string reason) =>
        _project.WriteDoc(replace, with).Validate().ShouldBeSingle("STRATA1010", line, column).Message.ShouldContain(reason);

    [Fact]
    public void STRATA1010_list_of_existing_paths_and_no_script_are_clean()
    {
        _project.Write("db/main/seed.sql", "select 1;");
        _project.WriteDoc("  location: db/main/migrations", "  location: [db/main/migrations, db/main/seed.sql]")
            .Validate().ShouldBeClean();
        _project.WriteDoc("  script: ops/backup/main.sh\n", "").Validate().ShouldBeClean();
    }

    [Theory]
    [InlineData("  rpo: PT24H", "  rpo: 24h", 14, 8)]
    [InlineData("  rto: PT1H", "  rto: pt1h", 15, 8)]
    [InlineData("  schedule: daily", "  schedule: every day", 12, 13)]
    [InlineData("  schedule: daily", "  schedule: 0 0 30 2 *", 12, 13)]
    [InlineData("  schedule: daily", "  schedule: 61 * * * *", 12, 13)]
    [InlineData("  restore-tested: quarterly", "  restore-tested: sometimes", 16, 19)]
    [InlineData("  period: P90D", "  period: 90 dayz", 18, 11)]
    public void STRATA1011_unparsable_values(string replace, string with, int line, int column) =>
        _project.WriteDoc(replace, with).Validate().ShouldBeSingle("STRATA1011", line, column);

    [Theory]
    [InlineData("  period: P90D", "  period: 12 months")]
    [InlineData("  period: P90D", "  period: 1 year")]
    [InlineData("  period: P90D", "  period: indefinite")]
    [InlineData("  schedule: daily", "  schedule: PT6H")]
    [InlineData("  schedule: daily", "  schedule: 0 2 * * *")]
    [InlineData("  restore-tested: quarterly", "  restore-tested: P3M")]
    public void STRATA1011_valid_values_are_clean(string replace, string with) =>
        _project.WriteDoc(replace, with).Validate().ShouldBeClean();

    [Theory]
    [InlineData("  rpo: PT24H", "  rpo: PT1H", "daily")]
    [InlineData("  schedule: daily", "  schedule: weekly", "weekly")]
    [InlineData("  schedule: daily", "  schedule: 0 2 * * 1-5", "0 2 * * 1-5")]
    public void STRATA1012_backup_interval_longer_than_rpo(string replace, string with, string schedule) =>
        _project.WriteDoc(replace, with).Validate().ShouldBeSingle("STRATA1012", 12, 13).Message.ShouldContain($"'{schedule}'");

    [Fact]
    public void STRATA1012_hourly_cron_meets_one_hour_rpo() =>
        _project.WriteDoc("  schedule: daily\n", "  schedule: '15 * * * *'\n").Write(TempProject.DocPath,
            File.ReadAllText(_project.FullPath(TempProject.DocPath)).Replace("rpo: PT24H", "rpo: PT1H", StringComparison.Ordinal))
            .Validate().ShouldBeClean();

    [Fact]
    public void STRATA1013_unknown_field_suggests_the_nearest_name()
    {
        var diagnostic = _project.WriteDoc("owner: orders-team", "owner: orders-team\nownr: x").Validate().ShouldBeSingle("STRATA1013", 5, 1);
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Warning);
        diagnostic.Message.ShouldContain("did you mean 'owner'?");
    }

    [Fact]
    public void STRATA1013_nested_unknown_field_and_field_at_the_wrong_level()
    {
        _project.WriteDoc("  rto: PT1H", "  rto: PT1H\n  shedule: hourly").Validate().ShouldBeSingle("STRATA1013", 16, 3)
            .Message.ShouldContain("'backup.shedule'; did you mean 'schedule'?");
        _project.WriteDoc("pii: false", "pii: false\nrpo: PT1H").Validate().ShouldBeSingle("STRATA1013", 8, 1)
            .Message.ShouldContain("'backup.rpo'");
    }

    [Fact]
    public void STRATA1013_extension_fields_are_allowed() =>
        _project.WriteDoc("pii: false", "pii: false\nx-cost-center: 4711").Validate().ShouldBeClean();

    [Fact]
    public void STRATA1014_duplicate_section_points_at_the_second() =>
        _project.Write(TempProject.DocPath, TempProject.ValidDoc + "\n## purpose\nMore about the purpose.\n").Validate()
            .ShouldBeSingle("STRATA1014", 35, 1).Message.ShouldContain("first at line 23");

    [Fact]
    public void STRATA1014_same_heading_at_level_three_is_fine() =>
        _project.Write(TempProject.DocPath, TempProject.ValidDoc + "\n### Purpose\nA sub-heading.\n").Validate().ShouldBeClean();

    [Fact]
    public void STRATA1016_unknown_classification_suggests() =>
        _project.WriteDoc("classification: internal", "classification: internl").Validate().ShouldBeSingle("STRATA1016", 6, 17)
            .Message.ShouldContain("Did you mean 'internal'?");

    [Fact]
    public void STRATA1016_known_classification_is_clean() =>
        _project.WriteDoc("classification: internal", "classification: restricted").Validate().ShouldBeClean();

    [Theory]
    [InlineData("pii: false", "pii: maybe", 7, 6)]
    [InlineData("pii: false", "pii: [yes]", 7, 6)]
    [InlineData("  location: db/main/migrations", "  location:\n    path: db/main/migrations", 10, 5)]
    [InlineData("purpose: Orders and their line items for the Orders service.", "purpose: [a, b]", 5, 10)]
    public void STRATA1017_wrong_type(string replace, string with, int line, int column) =>
        _project.WriteDoc(replace, with).Validate().ShouldBeSingle("STRATA1017", line, column);

    [Fact]
    public void STRATA1017_mapping_given_as_a_value() =>
        _project.WriteDoc("schema:\n  location: db/main/migrations", "schema: db/main/migrations").Validate()
            .ShouldBeSingle("STRATA1017", 8, 9);

    [Fact]
    public void STRATA1017_true_is_clean() =>
        _project.WriteDoc("pii: false", "pii: True").Validate().ShouldBeClean();

    [Theory]
    [InlineData("../secret")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("")]
    public void STRATA1018_unsafe_names_are_never_read(string name)
    {
        _project.Write("docs/secret.md", "---\nnot: read\n---\n");
        var diagnostic = _project.Validate(new DeclaredDatastore(name, "sqlite")).ShouldBeSingle("STRATA1018", 0, 0, "docs/data");
        diagnostic.Message.ShouldContain("docs/data");
    }

    [Fact]
    public void STRATA1018_symbolic_link_out_of_the_docs_folder()
    {
        _project.Write("outside.md", TempProject.ValidDoc);
        Directory.CreateDirectory(_project.FullPath("docs/data"));
        try
        {
            File.CreateSymbolicLink(_project.FullPath(TempProject.DocPath), _project.FullPath("outside.md"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return; // no symlink privilege (Windows without developer mode)
        }

        _project.Validate().ShouldBeSingle("STRATA1018", 0, 0);
    }

    [Fact]
    public void Absolute_paths_on_request()
    {
        var diagnostics = DatastoreDocValidator.Validate(new DocValidationRequest(_project.Directory, [new("main", "sqlite")]) { AbsolutePaths = true });
        diagnostics.Single().Location.File.ShouldBe(_project.FullPath(TempProject.DocPath).Replace('/', Path.DirectorySeparatorChar));
    }

    [Fact]
    public void Custom_docs_directory()
    {
        _project.Write("documentation/stores/main.md", TempProject.ValidDoc);
        DatastoreDocValidator.Validate(new DocValidationRequest(_project.Directory, [new("main", "sqlite")]) { DocsDirectory = "documentation/stores" })
            .ShouldBeClean();
    }

    [Fact]
    public void Crlf_line_endings_keep_positions() =>
        _project.Write(TempProject.DocPath, TempProject.ValidDoc.Replace("engine: sqlite", "engine: postgres", StringComparison.Ordinal).ReplaceLineEndings("\r\n"))
            .Validate().ShouldBeSingle("STRATA1008", 3, 9);
}
