namespace Strata.Core.Tests.Schemas;

/// <summary>STRATA43xx: Elasticsearch schema files.</summary>
public sealed class ElasticsearchSchemaTests : IDisposable
{
    private const string File = "db/search/schema/0001_events.json";
    private readonly SchemaProject _project = new();

    public void Dispose() => _project.Dispose();

    private Strata.Core.Schemas.SchemaBuildResult Run(string json)
    {
        _project.Write(File, json);
        return _project.Run(("search", "elasticsearch"));
    }

    /// <summary>The example of docs/schema-files.md.</summary>
    public const string Example = """
        {
          "ilmPolicies": {
            "events-retention": { "phases": { "hot": { "actions": { "rollover": { "max_age": "7d" } } },
                                              "delete": { "min_age": "30d", "actions": { "delete": {} } } } }
          },
          "componentTemplates": { "events-mappings": { "template": { "mappings": { "properties": {
            "key": { "type": "keyword" }, "embedding": { "type": "dense_vector", "dims": 1536, "similarity": "cosine" } } } } } },
          "indexTemplates": { "events": { "index_patterns": ["events-*"], "composed_of": ["events-mappings"], "priority": 200,
                                          "template": { "settings": { "index.lifecycle.name": "events-retention" } } } },
          "indices": { "events-000001": { "aliases": { "events": { "is_write_index": true } } } }
        }
        """;

    [Fact]
    public void The_documented_example_is_clean_when_the_doc_keeps_30_days()
    {
        _project.Doc("search", "P30D");
        Run(Example).ShouldBeClean();
    }

    [Fact]
    public void STRATA4301_unknown_field_type_in_a_multi_field()
    {
        Run("{ \"indices\": { \"i\": { \"mappings\": { \"properties\": { \"title\": { \"type\": \"text\",\n \"fields\": { \"raw\": { \"type\": \"keywrd\" } } } } } } } }")
            .ShouldReport("STRATA4301", File, 2, 31).Message.ShouldContain("Did you mean 'keyword'?");
    }

    [Fact]
    public void Nested_object_fields_are_walked()
    {
        Run("{ \"indices\": { \"i\": { \"mappings\": { \"properties\": { \"a\": { \"properties\": { \"b\": { \"type\": \"nested\", \"properties\": {\n \"c\": { \"type\": \"strin\" } } } } } } } } } }")
            .ShouldReport("STRATA4301", File, 2, 17);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000000")]
    public void STRATA4302_dense_vector_dims_out_of_range(string dims)
    {
        Run($"{{ \"indices\": {{ \"i\": {{ \"mappings\": {{ \"properties\": {{\n \"v\": {{ \"type\": \"dense_vector\", \"dims\": {dims}, \"similarity\": \"cosine\" }} }} }} }} }} }}")
            .ShouldReport("STRATA4302", File, 2, 41);
    }

    [Fact]
    public void STRATA4302_dense_vector_similarity()
    {
        Run("{ \"indices\": { \"i\": { \"mappings\": { \"properties\": {\n \"v\": { \"type\": \"dense_vector\", \"dims\": 3, \"similarity\": \"dot\" } } } } } }")
            .ShouldReport("STRATA4302", File, 2, 58);
    }

    [Fact]
    public void STRATA4303_unknown_phase_and_bad_min_age()
    {
        var result = Run("{ \"ilmPolicies\": { \"p\": { \"phases\": {\n \"hott\": { \"actions\": {} },\n \"warm\": { \"min_age\": \"30 days\", \"actions\": {} } } } } }");
        result.Diagnostics.Select(d => (d.Id, d.Location.Line, d.Location.Column)).ShouldBe([("STRATA4303", 2, 2), ("STRATA4303", 3, 23)]);
    }

    [Fact]
    public void STRATA4013_index_template_without_index_patterns()
    {
        Run("{ \"indexTemplates\": {\n \"t\": { \"priority\": 1 } } }").ShouldReport("STRATA4013", File, 2, 7);
    }

    [Fact]
    public void STRATA4304_undefined_policy_and_component_template()
    {
        var result = Run("{ \"indexTemplates\": { \"t\": { \"index_patterns\": \"t-*\",\n \"composed_of\": [\"missing\"],\n \"template\": { \"settings\": { \"index\": { \"lifecycle\": { \"name\": \"nope\" } } } } } } }");
        result.Diagnostics.Select(d => (d.Id, d.Location.Line, d.Location.Column)).ShouldBe([("STRATA4304", 2, 18), ("STRATA4304", 3, 64)]);
    }

    [Fact]
    public void STRATA4304_not_flagged_when_another_file_defines_it()
    {
        _project.Write("db/search/schema/0002_templates.json", "{ \"indexTemplates\": { \"t\": { \"index_patterns\": [\"t-*\"], \"composed_of\": [\"m\"],"
            + " \"template\": { \"settings\": { \"index.lifecycle.name\": \"p\" } } } } }");
        Run("{ \"ilmPolicies\": { \"p\": { \"phases\": { \"hot\": { \"actions\": {} } } } }, \"componentTemplates\": { \"m\": { \"template\": {} } } }").ShouldBeClean();
    }

    [Fact]
    public void STRATA4305_delete_phase_disagrees_with_the_doc_retention()
    {
        _project.Doc("search", "P90D");
        var d = Run(Example).ShouldReport("STRATA4305", File, 4, 62);
        d.Severity.ShouldBe(Strata.Core.Diagnostics.DiagnosticSeverity.Warning);
        d.Message.ShouldContain("30 days");
    }
}
