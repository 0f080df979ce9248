using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Strata.Core.Compose.Writing;

/// <summary>YAML scalars for generated files: plain when YAML reads it back as the same string, double-quoted otherwise.</summary>
public static partial class YamlScalar
{
    public static string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SafePlain().IsMatch(value) && !LooksTyped(value) ? value : Quoted(value);
    }

    public static string Quoted(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                < ' ' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }

    /// <summary>A flow sequence of quoted strings, the form health checks and commands are written in.</summary>
    public static string FlowList(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quoted)) + "]";

    // YAML 1.1 and 1.2 read these as booleans, nulls or numbers; Compose wants strings.
    private static bool LooksTyped(string value) =>
        Typed().IsMatch(value) || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    [GeneratedRegex(@"^[A-Za-z0-9_/][A-Za-z0-9_./-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafePlain();

    [GeneratedRegex(@"^(?i:y|yes|n|no|true|false|on|off|null|~)$", RegexOptions.CultureInvariant)]
    private static partial Regex Typed();
}
