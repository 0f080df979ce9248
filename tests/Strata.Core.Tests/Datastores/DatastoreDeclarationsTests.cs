using Strata.Core.Datastores;
using Strata.Core.Diagnostics;

namespace Strata.Core.Tests.Datastores;

public sealed class DatastoreDeclarationsTests : IDisposable
{
    private readonly string _project = Path.Combine(Path.GetTempPath(), "strata-items-" + Guid.NewGuid().ToString("N") + ".csproj");

    public DatastoreDeclarationsTests() => File.WriteAllText(_project, """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <ItemGroup>
            <Datastore Include="main" Engine="sqlite" />
              <Datastore Include="../x" Engine="sqlite" />
          </ItemGroup>
        </Project>
        """);

    public void Dispose() => File.Delete(_project);

    private List<Diagnostic> Resolve(params DatastoreDeclarations.Item[] items)
    {
        var diagnostics = new List<Diagnostic>();
        DatastoreDeclarations.Resolve(items, _project, diagnostics);
        return diagnostics;
    }

    [Theory]
    [InlineData("main")]
    [InlineData("orders-db")]
    [InlineData("cache_2")]
    public void Safe_names_pass(string name) => DatastoreName.Problem(name).ShouldBeNull();

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("my store")]
    [InlineData("Main")]
    [InlineData("9main")]
    [InlineData("con")]
    [InlineData("LPT1")]
    [InlineData("caf\u00e9")]
    public void Unsafe_names_are_refused(string name) => DatastoreName.Problem(name).ShouldNotBeNull();

    [Fact]
    public void STRATA0003_points_at_the_item_in_the_project_file()
    {
        var d = Resolve(new DatastoreDeclarations.Item("../x", "sqlite")).ShouldHaveSingleItem();
        d.Id.ShouldBe("STRATA0003");
        (d.Location.File, d.Location.Line, d.Location.Column).ShouldBe((_project, 4, 8));
    }

    [Fact]
    public void STRATA0002_unknown_engine_lists_the_known_ones()
    {
        var d = Resolve(new DatastoreDeclarations.Item("main", "oracle")).ShouldHaveSingleItem();
        d.Id.ShouldBe("STRATA0002");
        d.Message.ShouldContain("postgres, sqlite");
        (d.Location.Line, d.Location.Column).ShouldBe((3, 6));
    }

    [Fact]
    public void STRATA0007_missing_engine() => Resolve(new DatastoreDeclarations.Item("main", "")).ShouldHaveSingleItem().Id.ShouldBe("STRATA0007");

    [Fact]
    public void STRATA0004_duplicate_name() => Resolve(new DatastoreDeclarations.Item("main", "sqlite"), new DatastoreDeclarations.Item("main", "postgres")).ShouldHaveSingleItem().Id.ShouldBe("STRATA0004");

    [Fact]
    public void Engine_ids_are_case_insensitive() => Resolve(new DatastoreDeclarations.Item("main", "SQLite")).ShouldBeEmpty();
}
