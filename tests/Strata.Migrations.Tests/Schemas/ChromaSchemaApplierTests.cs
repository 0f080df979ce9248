using Strata.Migrations.Errors;
using Strata.Migrations.Schemas;
using Strata.Migrations.Tests.Schemas.Fakes;
using Strata.Tests.Shared.SchemaFakes;

namespace Strata.Migrations.Tests.Schemas;

/// <summary>The Chroma applier against a fake that records requests and answers as Chroma 1.0's v2 API does.</summary>
public sealed class ChromaSchemaApplierTests : IAsyncDisposable
{
    private const string Base = FakeChroma.Base;
    private const string HistoryGet = "GET " + Base + "/strata_schema_history";

    private static readonly string First = """
        {
          "collections": [
            { "name": "documents", "dimension": 1536, "distance": "cosine",
              "hnsw": { "ef_construction": 100, "ef_search": 100, "max_neighbors": 16 },
              "metadata": { "owner": "search" }, "embedding": "default" }
          ]
        }
        """;

    private static readonly string Second = """
        {
          "collections": [
            { "name": "documents", "dimension": 1536, "distance": "cosine",
              "hnsw": { "ef_construction": 100, "ef_search": 200, "max_neighbors": 16 },
              "metadata": { "owner": "search-team" } }
          ]
        }
        """;

    private readonly FakeChroma store = new();
    private readonly FakeStoreServer server;

    public ChromaSchemaApplierTests() => server = new FakeStoreServer(r => store.Handle(r));

    private static SchemaBundleFile File1 => SchemaBundles.File("memory", "0001", "documents", First);

    private static SchemaBundleFile File2 => SchemaBundles.File("memory", "0002", "search_ef", Second);

    private Task<SchemaApplyResult> Apply(params SchemaBundleFile[] files) =>
        SchemaAppliers.ApplyAsync(SchemaBundles.Of("memory", "chroma", files), server.Endpoint, new SchemaApplierOptions { ApiKey = "chroma-token" });

    private static string History(int id) => $"{Base}/{FakeChroma.IdOf(id)}";

    [Fact]
    public async Task Create_posts_the_collection_with_its_dimension_in_the_metadata_and_the_hnsw_configuration()
    {
        await Apply(File1);

        server.Requests.Select(r => r.ToString()).ShouldBe(
        [
            HistoryGet,
            $$"""POST {{Base}} {"name":"strata_schema_history","get_or_create":true}""",
            $"GET {Base}/documents",
            $$$"""POST {{{Base}}} {"name":"documents","metadata":{"owner":"search","strata:dimension":1536,"strata:embedding":"default"},"configuration":{"hnsw":{"space":"cosine","ef_construction":100,"ef_search":100,"max_neighbors":16}},"get_or_create":false}""",
            $$$"""POST {{{History(1)}}}/add {"ids":["1"],"embeddings":[[0]],"metadatas":[{"version":"1","description":"documents","checksum":"{{{File1.Checksum}}}","applied_at":"*","duration_ms":"*"}]}""",
        ]);
        server.Requests.ShouldAllBe(r => r.Headers["Authorization"] == "Bearer chroma-token");
    }

    [Fact]
    public async Task A_change_puts_the_new_metadata_and_ef_search_on_the_collection_id_and_a_rerun_only_reads()
    {
        await Apply(File1);
        server.Clear();

        var change = await Apply(File1, File2);

        change.Applied.Select(a => a.Version).ShouldBe(["0002"]);
        server.Requests.Select(r => r.ToString()).ShouldBe(
        [
            HistoryGet,
            $$"""POST {{History(1)}}/get {"include":["metadatas"]}""",
            $"GET {Base}/documents",
            $$$$"""PUT {{{{Base}}}}/{{{{FakeChroma.IdOf(2)}}}} {"new_metadata":{"owner":"search-team","strata:dimension":1536},"new_configuration":{"hnsw":{"ef_search":200}}}""",
            $$$"""POST {{{History(1)}}}/add {"ids":["2"],"embeddings":[[0]],"metadatas":[{"version":"2","description":"search ef","checksum":"{{{File2.Checksum}}}","applied_at":"*","duration_ms":"*"}]}""",
        ]);

        server.Clear();
        var rerun = await Apply(File1, File2);

        rerun.Applied.ShouldBeEmpty();
        server.Requests.Select(r => r.ToString()).ShouldBe([HistoryGet, $$"""POST {{History(1)}}/get {"include":["metadatas"]}"""]);
    }

    [Fact]
    public async Task A_distance_or_dimension_change_is_refused_before_any_change()
    {
        await Apply(File1);
        server.Clear();
        var changed = SchemaBundles.File("memory", "0002", "l2", First.Replace("1536, \"distance\": \"cosine\"", "768, \"distance\": \"l2\"", StringComparison.Ordinal));

        var ex = await Should.ThrowAsync<MigrationException>(() => Apply(File1, changed));

        ex.Code.ShouldBe("STRATA5104");
        ex.SourceFile.ShouldBe("db/memory/schema/0002_l2.json");
        ex.Detail.ShouldContain("distance cosine -> l2, dimension 1536 -> 768");
        server.Requests.Select(r => r.Method).ShouldBe(["GET", "POST", "GET"]);
    }

    [Fact]
    public async Task An_edited_applied_file_changes_nothing_and_a_server_error_names_the_file()
    {
        await Apply(File1);
        server.Clear();

        var edited = await Should.ThrowAsync<MigrationException>(() => Apply(SchemaBundles.File("memory", "0001", "documents", First.Replace("search", "other", StringComparison.Ordinal))));
        edited.Code.ShouldBe("STRATA5101");
        server.Requests.Select(r => r.Method).ShouldBe(["GET", "POST"]);

        store.Override = r => r.Method == "PUT" ? FakeChroma.Error(500, "InternalError", "sysdb unavailable") : null;
        var failed = await Should.ThrowAsync<MigrationException>(() => Apply(File1, File2));
        failed.Code.ShouldBe("STRATA5102");
        failed.SourceFile.ShouldBe("db/memory/schema/0002_search_ef.json");
        failed.Detail.ShouldContain($"PUT {Base}/{FakeChroma.IdOf(2)} answered 500 Internal Server Error: sysdb unavailable");
        store.Records[FakeChroma.IdOf(1)].Count.ShouldBe(1);
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();
}
