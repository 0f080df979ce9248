namespace Strata.Migrations.Errors;

/// <summary>One runtime code: id, title and default severity; the help page is docs/diagnostics/&lt;Code&gt;.md.</summary>
public sealed record MigrationErrorDescriptor(string Code, string Title, MigrationSeverity Severity)
{
    public string HelpLink => MigrationErrors.HelpLinkBase + Code + ".md";
}
