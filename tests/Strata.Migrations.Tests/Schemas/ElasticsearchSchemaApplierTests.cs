using Strata.Migrations.Errors;
using Strata.Migrations.Schemas;
using Strata.Migrations.Tests.Schemas.Fakes;
using Strata.Tests.Shared.SchemaFakes;

namespace Strata.Migrations.Tests.Schemas;

/// <summary>The Elasticsearch applier against a fake that records requests and answers as Elasticsearch 8 does.</summary>
public sealed class ElasticsearchSchemaApplierTests : IAsyncDisposable
{
    private const string Search = "GET /strata_schema_history/_search?size=10000";

    private static readonly string First = """
        {
          // the retention policy, the mappings and the first index
          "ilmPolicies": { "events-retention": { "phases": { "delete": { "min_age": "30d", "actions": { "delete": {} } } } } },
          "componentTemplates": { "events-mappings": { "template": { "mappings": { "properties": { "key": { "type": "keyword" } } } } } },
          "indexTemplates": { "events": { "index_patterns": ["events-*"], "composed_of": ["events-mappings"], "priority": 200 } },
          "indices": { "events-000001": { "aliases": { "events": { "is_write_index": true } } } }
        }
        """;

    private static readonly string Second = """
        { "indices": { "events-000001": { "mappings": { "properties": { "title": { "type": "text" } } } } } }
        """;

    private readonly FakeElasticsearch store = new();
    private readonly FakeStoreServer server;

    public ElasticsearchSchemaApplierTests() => server = new FakeStoreServer(r => store.Handle(r));

    private static SchemaBundleFile File1 => SchemaBundles.File("search", "0001", "events", First);

    private static SchemaBundleFile File2 => SchemaBundles.File("search", "0002", "title", Second);

    private static SchemaApplierOptions Options => new() { Username = "elastic", Password = "s3cret-pw" };

    private Task<SchemaApplyResult> Apply(params SchemaBundleFile[] files) =>
        SchemaAppliers.ApplyAsync(SchemaBundles.Of("search", "elasticsearch", files), server.Endpoint, Options);

    [Fact]
    public async Task Create_sends_the_documented_requests_in_order_and_records_the_file()
    {
        var result = await Apply(File1);

        result.Applied.Select(a => a.Version).ShouldBe(["0001"]);
        result.Summary.ShouldStartWith("Datastore 'search' (elasticsearch): applied 1 schema file in ");
        server.Requests.Select(r => r.ToString()).ShouldBe(
        [
            Search,
            """PUT /strata_schema_history {"settings":{"number_of_shards":1,"auto_expand_replicas":"0-1"},"mappings":{"dynamic":"strict","properties":{"version":{"type":"keyword"},"description":{"type":"keyword"},"checksum":{"type":"keyword"},"applied_at":{"type":"date"},"duration_ms":{"type":"long"}}}}""",
            """PUT /_ilm/policy/events-retention {"policy":{"phases":{"delete":{"min_age":"30d","actions":{"delete":{}}}}}}""",
            """PUT /_component_template/events-mappings {"template":{"mappings":{"properties":{"key":{"type":"keyword"}}}}}""",
            """PUT /_index_template/events {"index_patterns":["events-*"],"composed_of":["events-mappings"],"priority":200}""",
            "HEAD /events-000001",
            """PUT /events-000001 {"aliases":{"events":{"is_write_index":true}}}""",
            $$"""PUT /strata_schema_history/_create/1?refresh=true {"version":"1","description":"events","checksum":"{{File1.Checksum}}","applied_at":"*","duration_ms":"*"}""",
        ]);
    }

    [Fact]
    public async Task A_second_file_on_an_existing_index_puts_its_mapping_and_a_rerun_sends_only_the_history_read()
    {
        await Apply(File1);
        server.Clear();

        var change = await Apply(File1, File2);

        change.Skipped.ShouldBe(["0001"]);
        change.Applied.Select(a => a.Version).ShouldBe(["0002"]);
        server.Requests.Select(r => r.ToString()).ShouldBe(
        [
            Search,
            "HEAD /events-000001",
            """PUT /events-000001/_mapping {"properties":{"title":{"type":"text"}}}""",
            $$"""PUT /strata_schema_history/_create/2?refresh=true {"version":"2","description":"title","checksum":"{{File2.Checksum}}","applied_at":"*","duration_ms":"*"}""",
        ]);

        server.Clear();
        var rerun = await Apply(File1, File2);

        rerun.Applied.ShouldBeEmpty();
        rerun.Skipped.ShouldBe(["0001", "0002"]);
        server.Requests.Select(r => r.ToString()).ShouldBe([Search]);
    }

    [Fact]
    public async Task An_edited_applied_file_stops_the_run_after_the_history_read()
    {
        await Apply(File1);
        server.Clear();
        var edited = SchemaBundles.File("search", "0001", "events", First.Replace("30d", "90d", StringComparison.Ordinal));

        var ex = await Should.ThrowAsync<MigrationException>(() => Apply(edited, File2));

        ex.Code.ShouldBe("STRATA5101");
        ex.SourceFile.ShouldBe("db/search/schema/0001_events.json");
        ex.Message.ShouldContain(File1.Checksum);
        server.Requests.Select(r => r.ToString()).ShouldBe([Search]);
    }

    [Fact]
    public async Task A_rejected_request_names_the_file_and_the_store_error_and_the_file_is_not_recorded()
    {
        await Apply(File1);
        store.Override = r => r.Path == "/events-000001/_mapping"
            ? FakeElasticsearch.Error(400, "illegal_argument_exception", "mapper [title] cannot be changed from type [keyword] to [text]")
            : null;

        var ex = await Should.ThrowAsync<MigrationException>(() => Apply(File1, File2));

        ex.Code.ShouldBe("STRATA5102");
        ex.SourceFile.ShouldBe("db/search/schema/0002_title.json");
        ex.Version.ShouldBe("0002");
        ex.Detail.ShouldContain("PUT /events-000001/_mapping answered 400 Bad Request: illegal_argument_exception: mapper [title] cannot be changed from type [keyword] to [text]");
        store.Documents.Keys.ShouldBe(["1"]);
    }

    [Fact]
    public async Task Basic_auth_goes_in_every_request_and_a_401_names_no_secret()
    {
        store.Override = r => FakeElasticsearch.Error(401, "security_exception", "unable to authenticate user [elastic] for REST request [/strata_schema_history/_search]");

        var ex = await Should.ThrowAsync<MigrationException>(() => Apply(File1));

        ex.Code.ShouldBe("STRATA5103");
        ex.Message.ShouldContain("answered 401 Unauthorized");
        ex.Message.ShouldNotContain("s3cret-pw");
        server.Requests.Single().Headers["Authorization"].ShouldBe("Basic " + Convert.ToBase64String("elastic:s3cret-pw"u8.ToArray()));
    }

    [Fact]
    public async Task An_api_key_is_sent_as_ApiKey_authorization()
    {
        await SchemaAppliers.ApplyAsync(SchemaBundles.Of("search", "elasticsearch", File1), server.Endpoint, new SchemaApplierOptions { ApiKey = "a2V5OnNlY3JldA==" });

        server.Requests.ShouldAllBe(r => r.Headers["Authorization"] == "ApiKey a2V5OnNlY3JldA==");
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();
}
