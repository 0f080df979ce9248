using System.Text.Json;
using Strata.Core.Sarif;

namespace Strata.Core.Tests.Sql.Lint;

public class SarifWriterTests
{
    [Fact]
    public void Writes_a_sarif_2_1_0_log_with_rules_and_located_results()
    {
        var diagnostics = LintHarness.Lint("CREATE INDEX idx ON orders (a);\nDROP DATABASE shop;\nCREATE INDEX i2 ON orders (b);");
        using var doc = JsonDocument.Parse(SarifWriter.Write(diagnostics));
        var root = doc.RootElement;
        root.GetProperty("version").GetString().ShouldBe("2.1.0");
        root.GetProperty("$schema").GetString()!.ShouldContain("sarif-2.1.0");
        var run = root.GetProperty("runs").EnumerateArray().Single();
        var driver = run.GetProperty("tool").GetProperty("driver");
        driver.GetProperty("name").GetString().ShouldBe("Strata");
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        rules.Select(r => r.GetProperty("id").GetString()).ShouldBe(["STRATA2101", "STRATA2112"]);
        rules[0].GetProperty("helpUri").GetString()!.ShouldEndWith("/docs/diagnostics/STRATA2101.md");
        rules[1].GetProperty("defaultConfiguration").GetProperty("level").GetString().ShouldBe("error");

        var results = run.GetProperty("results").EnumerateArray().ToList();
        results.Count.ShouldBe(3);
        var drop = results[1];
        drop.GetProperty("ruleId").GetString().ShouldBe("STRATA2112");
        drop.GetProperty("ruleIndex").GetInt32().ShouldBe(1);
        drop.GetProperty("level").GetString().ShouldBe("error");
        drop.GetProperty("message").GetProperty("text").GetString().ShouldNotBeNullOrEmpty();
        var location = drop.GetProperty("locations")[0].GetProperty("physicalLocation");
        location.GetProperty("artifactLocation").GetProperty("uri").GetString().ShouldBe(LintHarness.File);
        location.GetProperty("region").GetProperty("startLine").GetInt32().ShouldBe(2);
        location.GetProperty("region").GetProperty("startColumn").GetInt32().ShouldBe(1);
        results[0].GetProperty("level").GetString().ShouldBe("warning");
    }

    [Fact]
    public void An_empty_log_is_still_valid()
    {
        using var doc = JsonDocument.Parse(SarifWriter.Write([]));
        doc.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength().ShouldBe(0);
    }
}
