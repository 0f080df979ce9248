namespace Strata.Core.Diagnostics;

/// <summary>The one place that knows where diagnostic help pages are published.</summary>
public static class HelpLinks
{
    public const string BaseUrl = "https://github.com/strata-dotnet/strata/blob/main/docs/diagnostics/";

    public static string For(string id) => BaseUrl + id + ".md";
}
