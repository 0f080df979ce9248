using Strata.Core.Catalog;

namespace Strata.Core.Tests.Diagnostics;

public class CatalogSmokeTests
{
    [Fact]
    public void Every_engine_id_is_lowercase_and_unique() =>
        EngineCatalog.All.Select(e => e.Id).ShouldBeUnique();
}
