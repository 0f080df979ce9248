using Strata.Core.Diagnostics;

namespace Strata.Core.Sql.Lint;

/// <summary>What a lint code is reported as; <see cref="None"/> turns it off.</summary>
public enum LintSeverity
{
    None,
    Info,
    Warning,
    Error,
}

/// <summary>Per-code severity overrides, e.g. from the project property <c>StrataLintSeverity="STRATA2105=error;STRATA2110=none"</c>.</summary>
public sealed record LintOptions(IReadOnlyDictionary<string, LintSeverity> Severities)
{
    public static LintOptions Default { get; } = new(new Dictionary<string, LintSeverity>(StringComparer.Ordinal));

    /// <summary>The severity of <paramref name="descriptor"/> under these options, null when it is turned off.</summary>
    public DiagnosticSeverity? SeverityOf(DiagnosticDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (Severities.Count == 0 || !Severities.TryGetValue(descriptor.Id, out var severity))
        {
            return descriptor.DefaultSeverity;
        }

        return severity switch
        {
            LintSeverity.Error => DiagnosticSeverity.Error,
            LintSeverity.Warning => DiagnosticSeverity.Warning,
            LintSeverity.Info => DiagnosticSeverity.Info,
            _ => null,
        };
    }

    /// <summary>
    /// Parses <c>CODE=severity</c> entries separated by ';' or ',' (white space ignored, case-insensitive severities
    /// error, warning, info, none; a later entry for the same code wins). Each bad entry is a STRATA2192 at
    /// <paramref name="source"/> (e.g. the project file); good entries still apply.
    /// </summary>
    public static LintOptions Parse(string? text, string source, out IReadOnlyList<Diagnostic> diagnostics)
    {
        var severities = new Dictionary<string, LintSeverity>(StringComparer.Ordinal);
        var errors = new List<Diagnostic>();
        foreach (var raw in (text ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split('=', StringSplitOptions.TrimEntries);
            string? problem = null;
            LintSeverity severity = default;
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                problem = "expected CODE=severity";
            }
            else if (!LintRules.Codes.Contains(parts[0].ToUpperInvariant()))
            {
                problem = $"'{parts[0]}' is not a lint code (the STRATA21xx and STRATA22xx ranges)";
            }
            else if (!Enum.TryParse(parts[1], ignoreCase: true, out severity) || !Enum.IsDefined(severity) || parts[1].Any(char.IsAsciiDigit))
            {
                problem = $"'{parts[1]}' is not one of error, warning, info, none";
            }

            if (problem is null)
            {
                severities[parts[0].ToUpperInvariant()] = severity;
            }
            else
            {
                errors.Add(DiagnosticCatalog.LintSeveritySettingInvalid.Create(new SourceLocation(source), raw, problem));
            }
        }

        diagnostics = errors;
        return new LintOptions(severities);
    }
}
