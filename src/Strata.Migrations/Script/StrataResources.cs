using System.Reflection;
using System.Text;
using Strata.Migrations.Errors;

namespace Strata.Migrations.Script;

/// <summary>Reads what the Strata.Sdk build embedded in a service assembly (scripts, schema bundles).</summary>
internal static class StrataResources
{
    /// <summary>The resource's text; <paramref name="notFound"/> gets the listing of the Strata resources that are there.</summary>
    public static string ReadText(Assembly assembly, string name, Func<string, MigrationException> notFound)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw notFound(Listing(assembly));
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Listing what is there turns "not found" into an obvious typo or an obviously missing build step.</summary>
    private static string Listing(Assembly assembly)
    {
        var present = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Strata/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => $"'{n}'")
            .ToList();
        return present.Count == 0 ? "it has no Strata resources" : "Strata resources present: " + string.Join(", ", present);
    }
}
