using System.Text.Json.Nodes;
using Strata.Migrations.Errors;
using Strata.Migrations.Schemas;
using Strata.Migrations.Schemas.Neo4j;
using Strata.Migrations.Tests.Schemas.Fakes;
using Strata.Tests.Shared.SchemaFakes;

namespace Strata.Migrations.Tests.Schemas;

/// <summary>The Neo4j applier against a fake of the HTTP transactional endpoint of Neo4j 5.</summary>
public sealed class Neo4jSchemaApplierTests : IAsyncDisposable
{
    private const string Commit = "POST /db/neo4j/tx/commit";

    private static readonly string First = """
        // people
        CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;

        /* names; with a ; in a comment */
        CREATE INDEX person_name IF NOT EXISTS
          FOR (p:Person) ON (p.name);
        """;

    private static readonly string Second = """
        CREATE VECTOR INDEX chunk_embedding IF NOT EXISTS FOR (c:Chunk) ON (c.embedding)
          OPTIONS { indexConfig: { `vector.dimensions`: 1536, `vector.similarity_function`: 'cosine' } };
        DROP INDEX person_old IF EXISTS;
        """;

    private readonly FakeNeo4j store = new();
    private readonly FakeStoreServer server;

    public Neo4jSchemaApplierTests() => server = new FakeStoreServer(r => store.Handle(r));

    private static SchemaBundleFile File1 => SchemaBundles.File("graph", "0001", "people", First, "cypher");

    private static SchemaBundleFile File2 => SchemaBundles.File("graph", "0002", "chunks", Second, "cypher");

    private Task<SchemaApplyResult> Apply(params SchemaBundleFile[] files) =>
        SchemaAppliers.ApplyAsync(SchemaBundles.Of("graph", "neo4j", files), server.Endpoint, new SchemaApplierOptions { Username = "neo4j", Password = "graph-pw" });

    private static string Statement(string statement, JsonObject? parameters = null)
    {
        var entry = new JsonObject { ["statement"] = statement };
        if (parameters is not null)
        {
            entry["parameters"] = parameters;
        }

        return Commit + " " + new JsonObject { ["statements"] = new JsonArray(entry) }.ToJsonString();
    }

    private static string Record(SchemaBundleFile file, string version, string description) => Statement(Neo4jSchemaApplier.RecordHistory, new JsonObject
    {
        ["version"] = version, ["description"] = description, ["checksum"] = file.Checksum, ["appliedAt"] = "*", ["durationMs"] = "*",
    });

    [Fact]
    public async Task Create_runs_the_history_constraint_then_one_statement_per_transaction_then_the_history_node()
    {
        await Apply(File1);

        server.Requests.Select(r => r.ToString()).ShouldBe(
        [
            Statement(Neo4jSchemaApplier.ReadHistory),
            Statement(Neo4jSchemaApplier.HistoryConstraint),
            Statement("CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE"),
            Statement("CREATE INDEX person_name IF NOT EXISTS\n  FOR (p:Person) ON (p.name)"),
            Record(File1, "1", "people"),
        ]);
        var basic = "Basic " + Convert.ToBase64String("neo4j:graph-pw"u8.ToArray());
        server.Requests.ShouldAllBe(r => r.Headers["Authorization"] == basic);
    }

    [Fact]
    public async Task A_second_file_runs_only_its_statements_and_a_rerun_only_reads_the_history()
    {
        await Apply(File1);
        server.Clear();

        var change = await Apply(File1, File2);

        change.Applied.Select(a => a.Version).ShouldBe(["0002"]);
        server.Requests.Select(r => r.ToString()).ShouldBe(
        [
            Statement(Neo4jSchemaApplier.ReadHistory),
            Statement(Neo4jSchemaApplier.HistoryConstraint),
            Statement("CREATE VECTOR INDEX chunk_embedding IF NOT EXISTS FOR (c:Chunk) ON (c.embedding)\n  OPTIONS { indexConfig: { `vector.dimensions`: 1536, `vector.similarity_function`: 'cosine' } }"),
            Statement("DROP INDEX person_old IF EXISTS"),
            Record(File2, "2", "chunks"),
        ]);

        server.Clear();
        var rerun = await Apply(File1, File2);

        rerun.Skipped.ShouldBe(["0001", "0002"]);
        server.Requests.Select(r => r.ToString()).ShouldBe([Statement(Neo4jSchemaApplier.ReadHistory)]);
    }

    [Fact]
    public async Task An_edited_applied_file_changes_nothing()
    {
        await Apply(File1);
        server.Clear();

        var ex = await Should.ThrowAsync<MigrationException>(() => Apply(SchemaBundles.File("graph", "0001", "people", First.Replace("person_name", "person_fullname", StringComparison.Ordinal), "cypher")));

        ex.Code.ShouldBe("STRATA5101");
        server.Requests.Select(r => r.ToString()).ShouldBe([Statement(Neo4jSchemaApplier.ReadHistory)]);
    }

    [Fact]
    public async Task A_statement_error_points_at_its_line_in_the_file()
    {
        var broken = SchemaBundles.File("graph", "0001", "people", "CREATE INDEX a IF NOT EXISTS FOR (p:Person) ON (p.a);\n\nCREATE INDEX b IF NOT EXISTS\n  BROKEN (p:Person) ON (p.b);\n", "cypher");

        var ex = await Should.ThrowAsync<MigrationException>(() => Apply(broken));

        ex.Code.ShouldBe("STRATA5102");
        ex.SourceFile.ShouldBe("db/graph/schema/0001_people.cypher");
        ex.Line.ShouldBe(4);
        ex.Message.ShouldStartWith("db/graph/schema/0001_people.cypher(4): error STRATA5102: ");
        ex.Detail.ShouldContain("Neo.ClientError.Statement.SyntaxError: Invalid input 'BROKEN'");
        ex.Message.ShouldNotContain("graph-pw");
        store.History.ShouldBeEmpty();
    }

    public async ValueTask DisposeAsync() => await server.DisposeAsync();
}
