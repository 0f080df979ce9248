using System.Text.RegularExpressions;
using Strata.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Compose.Rules;

/// <summary>
/// STRATA3030: no literal secret in <c>environment:</c> (mapping or list form). A variable whose name looks secret
/// must take its value from an interpolation (<c>${VAR}</c>, <c>${VAR:?message}</c>; literal text around it, as in
/// <c>neo4j/${NEO4J_PASSWORD}</c>, is fine) with no literal default; <c>*_FILE</c> variables are paths, not
/// secrets. Any variable whose value is a URL with a literal password is reported too.
/// </summary>
internal static partial class SecretRule
{
    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "SECRETS", "TOKEN", "TOKENS", "CREDENTIAL", "CREDENTIALS", "APIKEY",
    };

    private static readonly HashSet<string> SecretLastWords = new(StringComparer.Ordinal) { "PASS", "KEY", "KEYS", "AUTH" };

    public static IEnumerable<Diagnostic> Check(ComposeContext context)
    {
        foreach (var service in context.Services)
        {
            switch (context.Yaml.Get(service.Body, "environment"))
            {
                case YamlMappingNode map:
                    foreach (var entry in context.Yaml.Entries(map))
                    {
                        if (entry.Value is YamlScalarNode value && Judge(entry.Name, value.Value ?? string.Empty) is { } reason)
                        {
                            yield return Report(context.Yaml.At(value), service, entry.Name, reason);
                        }
                    }

                    break;
                case YamlSequenceNode list:
                    foreach (var item in list.Children.OfType<YamlScalarNode>())
                    {
                        var text = item.Value ?? string.Empty;
                        var eq = text.IndexOf('=', StringComparison.Ordinal);
                        if (eq > 0 && Judge(text[..eq].Trim(), text[(eq + 1)..]) is { } reason)
                        {
                            // Point at the value when the item is on one line: after the quote (if any) and the '='.
                            var quote = item.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
                            var at = item.Start.Line == item.End.Line
                                ? context.Yaml.At(item.Start) with { Column = (int)item.Start.Column + quote + eq + 1, EndColumn = (int)item.Start.Column + quote + eq + 1 }
                                : context.Yaml.At(item);
                            yield return Report(at, service, text[..eq].Trim(), reason);
                        }
                    }

                    break;
            }
        }
    }

    private static Diagnostic Report(SourceLocation at, ComposeService service, string key, string reason) =>
        DiagnosticCatalog.ComposeLiteralSecret.Create(at, service.Name, key, reason, SuggestedVariable(key));

    /// <summary>Why the value is a literal secret (a suffix for the message), or null when it is fine.</summary>
    internal static string? Judge(string key, string value)
    {
        if (value.Trim().Length == 0)
        {
            return null; // an empty value passes the variable through from the environment
        }

        if (UrlPassword().Match(value) is { Success: true } url && !url.Groups["password"].Value.Contains('$', StringComparison.Ordinal))
        {
            return " (a URL with a password in it)";
        }

        if (!LooksSecret(key))
        {
            return null;
        }

        var interpolations = Interpolation().Matches(value.Replace("$$", string.Empty, StringComparison.Ordinal));
        if (interpolations.Count == 0)
        {
            return string.Empty;
        }

        return interpolations.Any(m => m.Groups["default"].Success && m.Groups["default"].Value.Length > 0)
            ? " (the default after '-' or ':-' in the interpolation is a literal)"
            : null;
    }

    internal static bool LooksSecret(string key)
    {
        var upper = key.ToUpperInvariant();
        if (upper.EndsWith("_FILE", StringComparison.Ordinal))
        {
            return false;
        }

        var words = upper.Split(['_', '.', '-'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 0 && (words.Any(SecretWords.Contains) || SecretLastWords.Contains(words[^1])
            || upper.Contains("PASSWORD", StringComparison.Ordinal) || upper.Contains("SECRET", StringComparison.Ordinal));
    }

    private static string SuggestedVariable(string key)
    {
        var name = NotVariableChars().Replace(key.ToUpperInvariant(), "_").Trim('_');
        return name.Length == 0 ? "SECRET" : name;
    }

    [GeneratedRegex(@"\$(\{[A-Za-z_][A-Za-z0-9_]*((?::?-)(?<default>[^}]*)|(?::?[?+])[^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://[^/:@\s]*:(?<password>[^@/\s]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();

    [GeneratedRegex("[^A-Z0-9_]+", RegexOptions.CultureInvariant)]
    private static partial Regex NotVariableChars();
}
