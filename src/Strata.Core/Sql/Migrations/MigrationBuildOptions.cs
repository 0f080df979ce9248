namespace Strata.Core.Sql.Migrations;

/// <summary>What the project file can say about migration builds (docs/sdk.md lists the MSBuild properties).</summary>
public sealed record MigrationBuildOptions
{
    /// <summary>Relative to the project, e.g. obj/strata; each script lands in &lt;output&gt;/&lt;datastore&gt;/migrate.sql.</summary>
    public required string OutputDirectory { get; init; }

    public ScriptSettings Settings { get; init; } = ScriptSettings.Default;

    /// <summary>A Handlebars file (relative to the project) that replaces the default script layout, or null.</summary>
    public string? ScriptTemplate { get; init; }

    /// <summary>Per-rule lint severities (StrataLintSeverity).</summary>
    public Lint.LintOptions Lint { get; init; } = Strata.Core.Sql.Lint.LintOptions.Default;
}
