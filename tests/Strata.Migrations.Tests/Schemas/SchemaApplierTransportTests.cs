using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Strata.Migrations.Errors;
using Strata.Migrations.Schemas;
using Strata.Migrations.Tests.Schemas.Fakes;
using Strata.Tests.Shared.SchemaFakes;

namespace Strata.Migrations.Tests.Schemas;

/// <summary>What every applier shares: unreachable stores, timeouts, cancellation, secrets, engines, the bundle check.</summary>
public sealed class SchemaApplierTransportTests
{
    private static readonly SchemaBundle Bundle = SchemaBundles.Of(
        "vectors", "qdrant", SchemaBundles.File("vectors", "0001", "documents", """{ "collections": [ { "name": "d", "vectors": { "size": 4, "distance": "Dot" } } ] }"""));

    [Theory]
    [InlineData("elasticsearch")]
    [InlineData("qdrant")]
    [InlineData("chroma")]
    [InlineData("neo4j")]
    public async Task An_unreachable_store_is_STRATA5103_without_a_hang_and_without_the_credentials(string engine)
    {
        var endpoint = new Uri($"http://app:pw-in-uri@127.0.0.1:{ClosedPort()}");
        var bundle = Bundle with { Engine = engine, Files = [] };
        var clock = Stopwatch.StartNew();

        var ex = await Should.ThrowAsync<MigrationException>(() => SchemaAppliers.ApplyAsync(
            bundle, endpoint, new SchemaApplierOptions { Password = "pw-option", ApiKey = "key-option", RequestTimeout = TimeSpan.FromSeconds(10) }));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
        ex.Code.ShouldBe("STRATA5103");
        ex.Message.ShouldContain($"at http://127.0.0.1:{endpoint.Port}");
        ex.Message.ShouldContain("Nothing was changed");
        ex.Message.ShouldNotContain("pw-in-uri");
        ex.Message.ShouldNotContain("pw-option");
        ex.Message.ShouldNotContain("key-option");
    }

    [Fact]
    public async Task A_store_that_never_answers_is_STRATA5103_after_the_request_timeout()
    {
        await using var server = new FakeStoreServer(_ => FakeResponse.Ok(), hang: true);
        var clock = Stopwatch.StartNew();

        var ex = await Should.ThrowAsync<MigrationException>(() => SchemaAppliers.ApplyAsync(
            Bundle, server.Endpoint, new SchemaApplierOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) }));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        ex.Code.ShouldBe("STRATA5103");
        ex.Detail.ShouldContain("did not answer within 0.3 s");
    }

    [Fact]
    public async Task A_timeout_while_a_file_is_applied_names_the_file()
    {
        var store = new FakeQdrant();
        using var gate = new SemaphoreSlim(0);
        await using var server = new FakeStoreServer(r =>
        {
            if (r.Method == "PUT" && r.Path == "/collections/d")
            {
                gate.Wait(TimeSpan.FromSeconds(5));
            }

            return store.Handle(r);
        });

        var ex = await Should.ThrowAsync<MigrationException>(() => SchemaAppliers.ApplyAsync(
            Bundle, server.Endpoint, new SchemaApplierOptions { RequestTimeout = TimeSpan.FromMilliseconds(500) }));
        gate.Release();

        ex.Code.ShouldBe("STRATA5102");
        ex.SourceFile.ShouldBe("db/vectors/schema/0001_documents.json");
        ex.Detail.ShouldContain("PUT /collections/d: Qdrant at " + server.Endpoint.GetLeftPart(UriPartial.Authority) + " did not answer within 0.5 s");
    }

    [Fact]
    public async Task Cancellation_by_the_caller_stops_the_run_as_a_cancellation()
    {
        await using var server = new FakeStoreServer(_ => FakeResponse.Ok(), hang: true);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() => SchemaAppliers.ApplyAsync(
            Bundle, server.Endpoint, new SchemaApplierOptions { RequestTimeout = TimeSpan.FromSeconds(30) }, cancel.Token));
    }

    [Fact]
    public async Task A_bundle_file_whose_content_does_not_match_its_checksum_is_refused_before_any_request()
    {
        await using var server = new FakeStoreServer(_ => FakeResponse.Ok());
        var file = Bundle.Files[0] with { Content = Bundle.Files[0].Content + " " };

        var ex = await Should.ThrowAsync<MigrationException>(() => SchemaAppliers.ApplyAsync(Bundle with { Files = [file] }, server.Endpoint));

        ex.Code.ShouldBe("STRATA5106");
        server.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_pending_file_that_is_not_JSON_is_refused_before_any_change()
    {
        var store = new FakeQdrant();
        await using var server = new FakeStoreServer(r => store.Handle(r));
        var bad = SchemaBundles.File("vectors", "0002", "bad", "{ \"collections\": [ }");

        var ex = await Should.ThrowAsync<MigrationException>(() => SchemaAppliers.ApplyAsync(Bundle with { Files = [Bundle.Files[0], bad] }, server.Endpoint));

        ex.Code.ShouldBe("STRATA5106");
        ex.SourceFile.ShouldBe("db/vectors/schema/0002_bad.json");
        server.Requests.Select(r => r.Method).ShouldBe(["POST"]);
    }

    [Fact]
    public async Task Applied_versions_the_bundle_lacks_are_a_warning_or_with_FailOnUnknownApplied_an_error()
    {
        var store = new FakeQdrant();
        await using var server = new FakeStoreServer(r => store.Handle(r));
        var later = SchemaBundles.File("vectors", "0002", "later", """{ "collections": [] }""");
        await SchemaAppliers.ApplyAsync(Bundle with { Files = [Bundle.Files[0], later] }, server.Endpoint);

        var result = await SchemaAppliers.ApplyAsync(Bundle, server.Endpoint);
        result.Warnings.Single().Code.ShouldBe("STRATA5107");
        result.Warnings.Single().Message.ShouldContain("schema file 2 of datastore 'vectors'");

        var ex = await Should.ThrowAsync<MigrationException>(() => SchemaAppliers.ApplyAsync(Bundle, server.Endpoint, new SchemaApplierOptions { FailOnUnknownApplied = true }));
        ex.Code.ShouldBe("STRATA5107");
    }

    [Theory]
    [InlineData("mongodb", "mongosh")]
    [InlineData("redis", "has no schema applier")]
    public void Engines_without_an_HTTP_applier_are_named(string engine, string expected)
    {
        var ex = Should.Throw<MigrationException>(() => SchemaAppliers.Create(engine, new Uri("http://127.0.0.1:1")));

        ex.Code.ShouldBe("STRATA5106");
        ex.Message.ShouldContain(expected);
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
