namespace Strata.Core.Diagnostics;

/// <summary>A reported finding: what rule, where, and the formatted message.</summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceLocation Location, string Message, DiagnosticSeverity Severity)
{
    public string Id => Descriptor.Id;

    public bool IsError => Severity == DiagnosticSeverity.Error;

    public Diagnostic WithSeverity(DiagnosticSeverity severity) => this with { Severity = severity };

    /// <summary>The canonical MSBuild/compiler form, clickable in IDEs and CI logs.</summary>
    public override string ToString() =>
        $"{Location}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
