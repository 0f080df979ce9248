using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Strata.Core.Text;

/// <summary>Small helpers shared by the YAML readers (datastore docs, compose files).</summary>
public static partial class YamlText
{
    /// <summary>YamlException messages repeat the position ("(Line: 1, Col: 2, Idx: 3) - (...): "); a diagnostic already has it.</summary>
    public static string Message(YamlException ex) => PositionPrefix().Replace(ex.Message, string.Empty).TrimEnd('.');

    /// <summary>A user's key or value, cut to a length a one-line message can carry.</summary>
    public static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex PositionPrefix();
}
