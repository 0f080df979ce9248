using System.Text;
using Strata.Templates.Tests.Infrastructure;
using Strata.Tests.Shared.SchemaFakes;

namespace Strata.Templates.Tests;

/// <summary>
/// The schema files of the stores with an HTTP API, end to end as a user runs them: scaffold the four stores, build
/// (the build checks the files and embeds their bundles), run the service's `migrate` against stateful fakes of
/// Neo4j's, Elasticsearch's, Chroma's and Qdrant's documented APIs (those servers cannot run here), run it again,
/// then edit an applied file. The fakes are the ones the appliers' own tests use (tests/Shared/SchemaFakes).
/// </summary>
[Collection(TemplateCollection.Name)]
public sealed class SchemaApplyTests(TemplateHive hive)
{
    [Fact]
    public async Task Migrate_applies_the_template_schema_files_once_and_stops_on_an_edited_one_changing_nothing()
    {
        var service = await hive.ScaffoldAsync("Vectors", "--stores", "neo4j", "--stores", "elasticsearch", "--stores", "chroma", "--stores", "qdrant");
        (await hive.DotnetAsync(service, "build", "-nologo", "-tl:off", "-warnaserror")).ShouldSucceed("build");
        var (neo4j, elasticsearch, chroma, qdrant) = (new FakeNeo4j(), new FakeElasticsearch(), new FakeChroma(), new FakeQdrant());
        await using var neo4jServer = new FakeStoreServer(neo4j.Handle);
        await using var elasticsearchServer = new FakeStoreServer(elasticsearch.Handle);
        await using var chromaServer = new FakeStoreServer(chroma.Handle);
        await using var qdrantServer = new FakeStoreServer(qdrant.Handle);
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__neo4j"] = "bolt://127.0.0.1:7687",
            ["Neo4jHttp__neo4j"] = neo4jServer.Endpoint.ToString(),
            ["NEO4J_PASSWORD"] = "neo4j-secret",
            ["ConnectionStrings__elasticsearch"] = elasticsearchServer.Endpoint.ToString(),
            ["ELASTIC_PASSWORD"] = "elastic-secret",
            ["ConnectionStrings__chroma"] = chromaServer.Endpoint.ToString(),
            ["ConnectionStrings__qdrant"] = qdrantServer.Endpoint.ToString(),
            ["QDRANT_API_KEY"] = "qdrant-secret",
        };
        var dll = Path.Combine(service, "bin", "Debug", "net10.0", "Vectors.dll");

        var first = (await ProcessRunner.RunAsync("dotnet", [dll, "migrate"], service, environment)).ShouldSucceed("migrate");
        foreach (var store in new[] { "neo4j", "elasticsearch", "chroma", "qdrant" })
        {
            first.Output.ShouldContain($"Datastore '{store}' ({store}): applied 1 schema file in ");
        }

        // Besides the history's own uniqueness constraint, the template file's two statements, in order.
        var statements = neo4j.SchemaStatements.Where(s => !s.Contains("StrataSchemaHistory", StringComparison.Ordinal)).ToList();
        statements.Count.ShouldBe(2, string.Join("\n", neo4j.SchemaStatements));
        statements[0].ShouldContain("CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE");
        statements[1].ShouldContain("CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)");
        elasticsearch.Templates.Keys.ShouldBe(["/_ilm/policy/documents-lifecycle", "/_index_template/documents"], ignoreOrder: true);
        chroma.Collections.Keys.ShouldContain("documents");
        qdrant.Collections["documents"]["vectors"]!["size"]!.GetValue<int>().ShouldBe(384);
        elasticsearchServer.Requests.ShouldAllBe(r => r.Headers["authorization"] == Basic("elastic", "elastic-secret"));
        neo4jServer.Requests.ShouldAllBe(r => r.Headers["authorization"] == Basic("neo4j", "neo4j-secret"));
        qdrantServer.Requests.ShouldAllBe(r => r.Headers["api-key"] == "qdrant-secret");
        first.Output.ShouldNotContain("secret");

        // A re-run applies nothing: every store's state is as the first run left it.
        var state = State();
        var again = (await ProcessRunner.RunAsync("dotnet", [dll, "migrate"], service, environment)).ShouldSucceed("second migrate");
        again.Output.ShouldContain("Datastore 'qdrant' (qdrant): applied 0 schema files in ");
        State().ShouldBe(state);

        // An applied file edited and rebuilt: the applier stops before any change, naming the file.
        var file = Path.Combine(service, "db", "qdrant", "schema", "0001_create_documents.json");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("\"m\": 16", "\"m\": 32", StringComparison.Ordinal));
        (await hive.DotnetAsync(service, "build", "-nologo", "-tl:off", "-warnaserror")).ShouldSucceed("rebuild");
        var edited = await ProcessRunner.RunAsync("dotnet", [dll, "migrate"], service, environment);
        edited.ExitCode.ShouldBe(1, edited.Output);
        edited.Output.ShouldContain("STRATA5101");
        edited.Output.ShouldContain("db/qdrant/schema/0001_create_documents.json");
        edited.Output.ShouldNotContain("   at ");
        State().ShouldBe(state);

        string State() => string.Join("\n",
            string.Join(",", neo4j.SchemaStatements), neo4j.History.Count,
            string.Join(",", elasticsearch.Templates.Select(t => t.Key + "=" + t.Value?.ToJsonString()).Order(StringComparer.Ordinal)),
            elasticsearch.Documents.Count, elasticsearch.Indices.Count,
            string.Join(",", chroma.Collections.Select(c => c.Key + "=" + c.Value.ToJsonString()).Order(StringComparer.Ordinal)),
            chroma.Records.Sum(r => r.Value.Count),
            string.Join(",", qdrant.Collections.Select(c => c.Key + "=" + c.Value.ToJsonString()).Order(StringComparer.Ordinal)),
            qdrant.Points.Sum(p => p.Value.Count));
    }

    private static string Basic(string user, string password) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
}
