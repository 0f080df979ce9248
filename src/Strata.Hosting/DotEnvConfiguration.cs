using System.Text;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Strata.Hosting;

/// <summary>
/// In development, the secrets compose.yaml gives the stores (the git-ignored <c>.env</c> next to the project) are
/// configuration too, so <c>dotnet run</c> reaches the compose stack with no export. Real environment variables
/// still win, and nothing is read outside Development or when the file is absent. The format is compose's:
/// <c>KEY=VALUE</c> lines, <c>#</c> comments, optional <c>export</c>, single or double quotes; no interpolation.
/// </summary>
public static class DotEnvConfiguration
{
    public const string FileName = ".env";

    public static ConfigurationManager AddDotEnvInDevelopment(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        var path = Path.Combine(environment.ContentRootPath, FileName);
        if (!environment.IsDevelopment() || !File.Exists(path))
        {
            return configuration;
        }

        // Just below the (unprefixed) environment variables, so an exported variable overrides the file.
        var source = new MemoryConfigurationSource { InitialData = Parse(File.ReadAllLines(path), path) };
        var sources = configuration.Sources;
        var environmentVariables = sources.ToList().FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        sources.Insert(environmentVariables < 0 ? sources.Count : environmentVariables, source);
        return configuration;
    }

    public static Dictionary<string, string?> Parse(IReadOnlyList<string> lines, string file)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("export ", StringComparison.Ordinal))
            {
                line = line["export ".Length..].TrimStart();
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var key = (equals < 0 ? line : line[..equals]).Trim();
            if (key.Length == 0 || key.Any(char.IsWhiteSpace))
            {
                throw new InvalidDataException($"{file}({i + 1}): expected KEY=VALUE.");
            }

            // A bare KEY is compose's "take it from the shell": the environment already provides it, if anyone does.
            if (equals >= 0)
            {
                values[key] = Value(line[(equals + 1)..].TrimStart(), file, i + 1);
            }
        }

        return values;
    }

    /// <summary>'literal', "with \n \" \\ escapes", or bare (up to a " #" comment, trimmed).</summary>
    private static string Value(string raw, string file, int lineNumber)
    {
        if (raw.Length > 0 && raw[0] is '\'' or '"')
        {
            var quote = raw[0];
            var value = new StringBuilder();
            for (var i = 1; i < raw.Length; i++)
            {
                var c = raw[i];
                if (c == quote)
                {
                    return value.ToString();
                }

                if (quote == '"' && c == '\\' && i + 1 < raw.Length)
                {
                    c = raw[++i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var escaped => escaped };
                }

                value.Append(c);
            }

            throw new InvalidDataException($"{file}({lineNumber}): the {quote}quoted{quote} value is not closed.");
        }

        var comment = raw.IndexOf(" #", StringComparison.Ordinal);
        return (comment < 0 ? raw : raw[..comment]).Trim();
    }
}
