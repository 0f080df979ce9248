namespace Strata.Core.Diagnostics;

/// <summary>One coded rule: id, default severity, title and a composite message format.</summary>
public sealed record DiagnosticDescriptor(string Id, DiagnosticSeverity DefaultSeverity, string Title, string MessageFormat)
{
    /// <summary>Where the rule is explained; every id has a page under docs/diagnostics/.</summary>
    public string HelpLink => HelpLinks.For(Id);

    public Diagnostic Create(SourceLocation location, params object?[] args) =>
        new(this, location, string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, args), DefaultSeverity);
}
