using System.Text;
using Strata.Migrations.Script;

namespace Strata.Core.Tests.Schemas;

/// <summary>STRATA4001-4016: what every engine's schema files share (names, encoding, JSON syntax and structure).</summary>
public sealed class SchemaFileTests : IDisposable
{
    private const string Folder = "db/vectors/schema";
    private const string Valid = """{ "collections": [ { "name": "documents", "vectors": { "size": 4, "distance": "Cosine" } } ] }""";
    private readonly SchemaProject _project = new();

    public void Dispose() => _project.Dispose();

    private Strata.Core.Schemas.SchemaBuildResult Run() => _project.Run(("vectors", "qdrant"));

    [Fact]
    public void A_missing_folder_is_an_empty_bundle_and_not_reported_twice()
    {
        var result = Run();
        result.ShouldBeClean();
        result.Bundles.ShouldHaveSingleItem().Files.ShouldBeEmpty();
    }

    [Fact]
    public void Files_load_in_numeric_version_order_with_the_migration_checksum_and_other_extensions_are_ignored()
    {
        _project.Write($"{Folder}/10_third.json", Valid).Write($"{Folder}/2_second.json", Valid + "\r\n").Write($"{Folder}/0001_first-one.json", "\uFEFF" + Valid + "\n")
            .Write($"{Folder}/README.md", "not a schema file");
        var result = Run();
        result.ShouldBeClean();
        var files = result.Bundles.ShouldHaveSingleItem().Files;
        files.Select(f => f.Version).ShouldBe(["0001", "2", "10"]);
        files[0].Description.ShouldBe("first one");
        files[0].Path.ShouldBe($"{Folder}/0001_first-one.json");
        files[0].Content.ShouldBe(Valid);
        files[0].Checksum.ShouldBe(MigrationChecksum.ComputeFromSource("\uFEFF" + Valid + "\n"));
        files[1].Checksum.ShouldBe(files[0].Checksum, "BOM and CRLF do not change the checksum");
    }

    [Theory]
    [InlineData("documents.json")]
    [InlineData("1-documents.json")]
    [InlineData("0001_documents.JSON")]
    [InlineData("0001_two words.json")]
    public void STRATA4001_file_name(string name)
    {
        _project.Write($"{Folder}/{name}", Valid);
        Run().ShouldReport("STRATA4001", $"{Folder}/{name}", 0, 0);
    }

    [Fact]
    public void STRATA4002_duplicate_version_names_both_files()
    {
        _project.Write($"{Folder}/0002_main.json", Valid).Write($"{Folder}/2_branch.json", Valid);
        var d = Run().ShouldReport("STRATA4002", $"{Folder}/2_branch.json", 0, 0);
        d.Message.ShouldContain("0002_main.json");
    }

    [Fact]
    public void STRATA4003_invalid_utf8_at_its_line_and_column()
    {
        _project.WriteBytes($"{Folder}/0001_bad.json", [.. Encoding.UTF8.GetBytes("{\n  \"x\": \""), 0xFF, .. Encoding.UTF8.GetBytes("\"\n}")]);
        Run().ShouldReport("STRATA4003", $"{Folder}/0001_bad.json", 2, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n")]
    [InlineData("// only a comment\n/* and another */\n")]
    public void STRATA4004_empty_file(string text)
    {
        _project.Write($"{Folder}/0001_empty.json", text);
        Run().ShouldReport("STRATA4004", $"{Folder}/0001_empty.json", 0, 0);
    }

    [Fact]
    public void STRATA4005_too_large()
    {
        var path = Path.Combine(_project.Root, Folder, "0001_big.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = File.Create(path))
        {
            stream.SetLength(Strata.Core.Sql.Migrations.MigrationSetLoader.MaxFileBytes + 1);
        }

        Run().ShouldReport("STRATA4005", $"{Folder}/0001_big.json", 0, 0);
    }

    [Fact]
    public void STRATA4006_link_out_of_the_project()
    {
        var outside = Path.Combine(Path.GetTempPath(), "strata-schema-outside-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(outside, Valid);
        try
        {
            Directory.CreateDirectory(Path.Combine(_project.Root, Folder));
            File.CreateSymbolicLink(Path.Combine(_project.Root, Folder, "0001_linked.json"), outside);
            Run().ShouldReport("STRATA4006", $"{Folder}/0001_linked.json", 0, 0);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void STRATA4010_not_json_at_the_line_and_column_of_the_error()
    {
        _project.Write($"{Folder}/0001_bad.json", "{\n  \"collections\": [\n    { \"name\": \"a\", }\n  ]\n}");
        var d = Run().ShouldReport("STRATA4010", $"{Folder}/0001_bad.json", 3, 20);
        d.Message.ShouldNotContain("LineNumber");
    }

    [Fact]
    public void STRATA4010_trailing_comma_and_unclosed_object()
    {
        _project.Write($"{Folder}/0001_bad.json", "{ \"collections\": [] ,}");
        Run().ShouldReport("STRATA4010", $"{Folder}/0001_bad.json", 1, 22);
    }

    [Fact]
    public void Comments_are_allowed_in_json()
    {
        _project.Write($"{Folder}/0001_ok.json", "// the collections\n{ /* inline */ \"collections\": [] }\n");
        Run().ShouldBeClean();
    }

    [Fact]
    public void STRATA4011_unknown_property_with_a_suggestion()
    {
        _project.Write($"{Folder}/0001_typo.json", "{\n  \"colections\": []\n}");
        var d = Run().ShouldReport("STRATA4011", $"{Folder}/0001_typo.json", 2, 3);
        d.Message.ShouldContain("did you mean 'collections'?");
    }

    [Fact]
    public void STRATA4012_duplicate_property()
    {
        _project.Write($"{Folder}/0001_twice.json", "{\n  \"collections\": [],\n  \"collections\": []\n}");
        var d = Run().ShouldReport("STRATA4012", $"{Folder}/0001_twice.json", 3, 3);
        d.Message.ShouldContain("line 2");
    }

    [Fact]
    public void STRATA4013_required_property()
    {
        _project.Write($"{Folder}/0001_nameless.json", "{ \"collections\": [\n  { \"vectors\": { \"size\": 4, \"distance\": \"Cosine\" } } ] }");
        Run().ShouldReport("STRATA4013", $"{Folder}/0001_nameless.json", 2, 3).Message.ShouldContain("'name'");
    }

    [Fact]
    public void STRATA4014_wrong_type()
    {
        _project.Write($"{Folder}/0001_type.json", "{ \"collections\": [\n  { \"name\": \"d\", \"vectors\": { \"size\": \"4\", \"distance\": \"Cosine\" } } ] }");
        Run().ShouldReport("STRATA4014", $"{Folder}/0001_type.json", 2, 39).Message.ShouldContain("collections[0].vectors.size");
    }

    [Fact]
    public void STRATA4015_value_not_allowed()
    {
        _project.Write($"{Folder}/0001_distance.json", "{ \"collections\": [\n  { \"name\": \"d\", \"vectors\": { \"size\": 4, \"distance\": \"cosine\" } } ] }");
        Run().ShouldReport("STRATA4015", $"{Folder}/0001_distance.json", 2, 54).Message.ShouldContain("Did you mean 'Cosine'?");
    }

    [Fact]
    public void STRATA4016_defined_twice_in_one_file()
    {
        _project.Write($"{Folder}/0001_twice.json", "{ \"collections\": [\n  { \"name\": \"d\", \"vectors\": { \"size\": 4, \"distance\": \"Cosine\" } },\n  { \"name\": \"d\", \"vectors\": { \"size\": 4, \"distance\": \"Cosine\" } } ] }");
        Run().ShouldReport("STRATA4016", $"{Folder}/0001_twice.json", 3, 13);
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        _project.Write($"{Folder}/0001_utf8.json", "{ \"collections\": [ { \"name\": \"ünïcødé\", \"oops\": 1,\n \"vectors\": { \"size\": 4, \"distance\": \"Cosine\" } } ] }");
        Run().ShouldReport("STRATA4011", $"{Folder}/0001_utf8.json", 1, 41);
    }
}
