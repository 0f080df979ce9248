namespace Strata.Core.Tests.Docs;

/// <summary>
/// Template files rendered from the engine catalog: each must be byte-equal to the rendering. With
/// STRATA_REGENERATE_TEMPLATE_DOCS=1 the rendering is written first (how a catalog change reaches the template).
/// </summary>
internal static class TemplateFileDrift
{
    private const string Regenerate = "STRATA_REGENERATE_TEMPLATE_DOCS=1 dotnet test tests/Strata.Core.Tests --filter \"The_service_templates|DevStackTemplate\"";

    public static void ShouldMatch(string path, string expected)
    {
        if (Environment.GetEnvironmentVariable("STRATA_REGENERATE_TEMPLATE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, expected);
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing; generate it with {Regenerate}");
        File.ReadAllText(path).ReplaceLineEndings("\n").ShouldBe(expected, $"{path} drifted from the engine catalog; regenerate it with {Regenerate}");
    }
}
