namespace Strata.Core.Tests.Schemas;

/// <summary>STRATA41xx: MongoDB schema files.</summary>
public sealed class MongoSchemaTests : IDisposable
{
    private const string File = "db/events/schema/0001_events.json";
    private readonly SchemaProject _project = new();

    public void Dispose() => _project.Dispose();

    private Strata.Core.Schemas.SchemaBuildResult Run(string json)
    {
        _project.Write(File, json);
        return _project.Run(("events", "mongodb"));
    }

    /// <summary>The example of docs/schema-files.md.</summary>
    public const string Example = """
        {
          // A collection's validator, validation level and action, and its indexes.
          "collections": [
            {
              "name": "events",
              "validator": { "$jsonSchema": { "bsonType": "object", "required": ["key", "createdAt"],
                                               "properties": { "key": { "bsonType": "string" },
                                                               "createdAt": { "bsonType": "date" } } } },
              "validationLevel": "strict",
              "validationAction": "error",
              "indexes": [
                { "name": "ux_events_key", "keys": { "key": 1 }, "unique": true },
                { "name": "ttl_events_created_at", "keys": { "createdAt": 1 }, "expireAfterSeconds": 2592000 }
              ],
              "dropIndexes": ["ix_events_old"]
            }
          ],
          "dropCollections": []
        }
        """;

    [Fact]
    public void The_documented_example_is_clean_when_the_doc_keeps_30_days()
    {
        _project.Doc("events", "P30D");
        Run(Example).ShouldBeClean();
    }

    [Fact]
    public void STRATA4101_validator_with_more_than_the_json_schema()
    {
        var d = Run("""{ "collections": [ { "name": "e", "validator": { "$jsonSchema": {}, "key": { "$exists": true } } } ] }""")
            .ShouldReport("STRATA4101", File, 1, 69);
        d.Message.ShouldContain("'key'");
    }

    [Fact]
    public void STRATA4102_unknown_bson_type_deep_in_the_schema()
    {
        Run("{ \"collections\": [ { \"name\": \"e\", \"validator\": { \"$jsonSchema\": {\n \"properties\": { \"tags\": { \"items\": { \"bsonType\": [\"string\", \"strng\"] } } } } } } ] }")
            .ShouldReport("STRATA4102", File, 2, 62).Message.ShouldContain("Did you mean 'string'?");
    }

    [Fact]
    public void Only_bsonType_is_checked_inside_json_schema()
    {
        Run("""{ "collections": [ { "name": "e", "validator": { "$jsonSchema": { "bsonType": "object", "anyUnknownKeyword": 1, "properties": { "bsonType": { "bsonType": "long" } } } } } ] }""")
            .ShouldBeClean();
    }

    [Fact]
    public void STRATA4103_invalid_index_key()
    {
        Run("{ \"collections\": [ { \"name\": \"e\", \"indexes\": [\n { \"name\": \"ix\", \"keys\": { \"a\": 1, \"b\": 2 } } ] } ] }")
            .ShouldReport("STRATA4103", File, 2, 41);
    }

    [Fact]
    public void STRATA4013_index_without_a_name()
    {
        Run("{ \"collections\": [ { \"name\": \"e\", \"indexes\": [\n { \"keys\": { \"a\": 1 } } ] } ] }")
            .ShouldReport("STRATA4013", File, 2, 2);
    }

    [Fact]
    public void STRATA4104_ttl_index_with_two_keys()
    {
        Run("{ \"collections\": [ { \"name\": \"e\", \"indexes\": [\n { \"name\": \"ttl\", \"keys\": { \"a\": 1, \"b\": 1 }, \"expireAfterSeconds\": 60 } ] } ] }")
            .ShouldReport("STRATA4104", File, 2, 27);
    }

    [Fact]
    public void STRATA4104_ttl_out_of_range()
    {
        Run("{ \"collections\": [ { \"name\": \"e\", \"indexes\": [\n { \"name\": \"ttl\", \"keys\": { \"a\": 1 }, \"expireAfterSeconds\": -1 } ] } ] }")
            .ShouldReport("STRATA4104", File, 2, 61);
    }

    [Fact]
    public void STRATA4105_ttl_disagrees_with_the_doc_retention()
    {
        _project.Doc("events", "90 days");
        var d = Run(Example).ShouldReport("STRATA4105", File, 13, 94);
        d.Severity.ShouldBe(Strata.Core.Diagnostics.DiagnosticSeverity.Warning);
        d.Message.ShouldContain("docs/data/events.md");
        d.Message.ShouldContain("90 days");
    }

    [Fact]
    public void STRATA4105_ttl_while_the_doc_keeps_data_indefinitely()
    {
        _project.Doc("events", "indefinite");
        Run(Example).ShouldReport("STRATA4105", File, 13, 94).Message.ShouldContain("indefinite");
    }

    [Fact]
    public void Without_a_doc_the_ttl_is_not_compared() => Run(Example).ShouldBeClean();
}
