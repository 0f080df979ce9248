using Strata.Migrations.Errors;
using Strata.Migrations.Schemas;
using Strata.Migrations.Tests.Schemas.Fakes;
using Strata.Tests.Shared.SchemaFakes;

namespace Strata.Migrations.Tests.Schemas;

/// <summary>The Qdrant applier against a fake that records requests and answers as Qdrant 1.12 does.</summary>
public sealed class QdrantSchemaApplierTests : IAsyncDisposable
{
    private const string Scroll = """POST /collections/strata_schema_history/points/scroll {"limit":1000,"with_payload":true,"with_vector":false}""";

    private static readonly string First = """
        {
          "collections": [
            {
              "name": "documents",
              "vectors": { "size": 1536, "distance": "Cosine" },
              "hnsw_config": { "m": 16, "ef_construct": 100 },
              "on_disk_payload": true,
              "payload_indexes": { "tenant_id": "keyword" },
              "embedding": "default"
            }
          ]
        }
        """;

    private static readonly string Second = """
        {
          "collections": [
            {
              "name": "documents",
              "vectors": { "size": 1536, "distance": "Cosine" },
              "hnsw_config": { "m": 32, "ef_construct": 200 },
              "quantization_config": { "scalar": { "type": "int8", "quantile": 0.99, "always_ram": true } }
            }
          ],
          "dropCollections": ["old_documents"]
        }
        """;

    private readonly FakeQdrant store = new();
    private readonly FakeStoreServer server;

    public QdrantSchemaApplierTests() => server = new FakeStoreServer(r => store.Handle(r));

    private static SchemaBundleFile File1 => SchemaBundles.File("vectors", "0001", "documents", First);

    private static SchemaBundleFile File2 => SchemaBundles.File("vectors", "0002", "tune_hnsw", Second);

    private Task<SchemaApplyResult> Apply(params SchemaBundleFile[] files) =>
        SchemaAppliers.ApplyAsync(SchemaBundles.Of("vectors", "qdrant", files), server.Endpoint, new SchemaApplierOptions { ApiKey = "qdrant-key-123" });

    [Fact]
    public async Task Create_puts_the_collection_without_Strata_properties_then_its_payload_indexes_then_the_history_point()
    {
        var result = await Apply(File1);

        result.Applied.Select(a => a.Version).ShouldBe(["0001"]);
        server.Requests.Select(r => r.ToString()).ShouldBe(
        [
            Scroll,
            """PUT /collections/strata_schema_history {"vectors":{"size":1,"distance":"Dot"}}""",
            "GET /collections/documents",
            """PUT /collections/documents {"vectors":{"size":1536,"distance":"Cosine"},"hnsw_config":{"m":16,"ef_construct":100},"on_disk_payload":true}""",
            """PUT /collections/documents/index?wait=true {"field_name":"tenant_id","field_schema":"keyword"}""",
            $$$"""PUT /collections/strata_schema_history/points?wait=true {"points":[{"id":1,"vector":[0],"payload":{"version":"1","description":"documents","checksum":"{{{File1.Checksum}}}","applied_at":"*","duration_ms":"*"}}]}""",
        ]);
        server.Requests.ShouldAllBe(r => r.Headers["api-key"] == "qdrant-key-123");
    }

    [Fact]
    public async Task A_change_with_the_same_vectors_patches_the_settings_and_a_rerun_sends_only_the_history_read()
    {
        store.Collections["old_documents"] = new() { ["vectors"] = new System.Text.Json.Nodes.JsonObject { ["size"] = 384, ["distance"] = "Dot" } };
        await Apply(File1);
        server.Clear();

        var change = await Apply(File1, File2);

        change.Applied.Select(a => a.Version).ShouldBe(["0002"]);
        server.Requests.Select(r => r.ToString()).ShouldBe(
        [
            Scroll,
            "GET /collections/documents",
            """PATCH /collections/documents {"hnsw_config":{"m":32,"ef_construct":200},"quantization_config":{"scalar":{"type":"int8","quantile":0.99,"always_ram":true}}}""",
            "DELETE /collections/old_documents",
            $$$"""PUT /collections/strata_schema_history/points?wait=true {"points":[{"id":2,"vector":[0],"payload":{"version":"2","description":"tune hnsw","checksum":"{{{File2.Checksum}}}","applied_at":"*","duration_ms":"*"}}]}""",
        ]);
        store.Collections.Keys.ShouldNotContain("old_documents");

        server.Clear();
        var rerun = await Apply(File1, File2);

        rerun.Applied.ShouldBeEmpty();
        rerun.Skipped.ShouldBe(["0001", "0002"]);
        server.Requests.Select(r => r.ToString()).ShouldBe([Scroll]);
    }

    [Fact]
    public async Task A_vector_size_or_distance_change_on_an_existing_collection_is_refused_before_any_change()
    {
        await Apply(File1);
        server.Clear();
        var resized = SchemaBundles.File("vectors", "0002", "resize", First.Replace("1536, \"distance\": \"Cosine\"", "3072, \"distance\": \"Dot\"", StringComparison.Ordinal));

        var ex = await Should.ThrowAsync<MigrationException>(() => Apply(File1, resized));

        ex.Code.ShouldBe("STRATA5104");
        ex.SourceFile.ShouldBe("db/vectors/schema/0002_resize.json");
        ex.Line.ShouldBe(4);
        ex.Detail.ShouldContain("the vectors 3072/Dot, but it exists with 1536/Cosine");
        server.Requests.Select(r => r.ToString()).ShouldBe([Scroll, "GET /collections/documents"]);
        store.Points["strata_schema_history"].Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_edited_applied_file_changes_nothing()
    {
        await Apply(File1);
        server.Clear();

        var ex = await Should.ThrowAsync<MigrationException>(() => Apply(SchemaBundles.File("vectors", "0001", "documents", First + "\n// edited"), File2));

        ex.Code.ShouldBe("STRATA5101");
        ex.SourceFile.ShouldBe("db/vectors/schema/0001_documents.json");
        server.Requests.Select(r => r.ToString()).ShouldBe([Scroll]);
    }

    [Fact]
    public async Task A_server_error_names_the_file_the_request_and_Qdrant_s_message()
    {
        store.Override = r => r.Path.EndsWith("/index?wait=true", StringComparison.Ordinal)
            ? FakeQdrant.Error(500, "Service internal error: RocksDB write failed")
            : null;

        var ex = await Should.ThrowAsync<MigrationException>(() => Apply(File1));

        ex.Code.ShouldBe("STRATA5102");
        ex.SourceFile.ShouldBe("db/vectors/schema/0001_documents.json");
        ex.Detail.ShouldContain("PUT /collections/documents/index?wait=true answered 500 Internal Server Error: Service internal error: RocksDB write failed");
        ex.Message.ShouldNotContain("qdrant-key-123");
        store.Points["strata_schema_history"].ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();
}
