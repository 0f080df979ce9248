using System.Text.RegularExpressions;
using Strata.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Compose.Rules;

/// <summary>STRATA3025/3026: stateful services have a real health check; exec forms carry no shell syntax.</summary>
internal static partial class HealthcheckRules
{
    public static IEnumerable<Diagnostic> Missing(ComposeContext context)
    {
        foreach (var service in context.Services.Where(s => s.IsStateful))
        {
            var entry = context.Yaml.Find(service.Body, "healthcheck");
            (string Problem, YamlNode Where)? missing = null;
            if (entry?.Value is not YamlMappingNode healthcheck)
            {
                missing = ("has no health check", entry?.Key ?? service.Key);
            }
            else if (context.Yaml.Find(healthcheck, "disable") is { } disable && ComposeYaml.IsTrue(disable.Value))
            {
                missing = ("has its health check disabled", disable.Key);
            }
            else if (context.Yaml.Find(healthcheck, "test") is not { } test)
            {
                missing = ("has a 'healthcheck:' without a 'test:' (the official images define none)", entry.Key);
            }
            else if (IsNone(test.Value))
            {
                missing = ("has its health check turned off (test NONE or empty)", test.Value);
            }

            if (missing is { } found)
            {
                yield return DiagnosticCatalog.ComposeHealthcheckMissing.Create(context.Yaml.At(found.Where),
                    service.Name, service.Engine!.DisplayName, found.Problem);
            }
        }
    }

    public static IEnumerable<Diagnostic> ShellInExecForm(ComposeContext context)
    {
        foreach (var service in context.Services)
        {
            if (context.Yaml.Get(service.Body, "healthcheck") is not YamlMappingNode healthcheck
                || context.Yaml.Get(healthcheck, "test") is not YamlSequenceNode { Children.Count: > 1 } test
                || ComposeYaml.Text(test.Children[0])?.Trim() != "CMD")
            {
                continue;
            }

            var shellArgument = test.Children.Skip(1).OfType<YamlScalarNode>().FirstOrDefault(a => IsShellSyntax(a.Value ?? string.Empty));
            if (shellArgument is not null)
            {
                yield return DiagnosticCatalog.ComposeHealthcheckShellInExec.Create(context.Yaml.At(shellArgument), service.Name, shellArgument.Value);
            }
        }
    }

    private static bool IsNone(YamlNode test) => test switch
    {
        YamlScalarNode scalar => string.IsNullOrWhiteSpace(scalar.Value),
        YamlSequenceNode list => list.Children.Count == 0 || ComposeYaml.Text(list.Children[0])?.Trim() == "NONE",
        _ => false,
    };

    /// <summary>'||' and '&amp;&amp;' anywhere; '|', ';', '&amp;', '&lt;', '&gt;' (also '2&gt;/dev/null') as words; a trailing ';'; '$(' and backticks.</summary>
    internal static bool IsShellSyntax(string argument) => ShellSyntax().IsMatch(argument);

    [GeneratedRegex(@"\|\||&&|(^|\s)(\||;|&|<|\d?>>?\S*)(\s|$)|\S;(\s|$)|\$\(|`", RegexOptions.CultureInvariant)]
    private static partial Regex ShellSyntax();
}
