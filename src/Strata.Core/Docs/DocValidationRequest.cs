namespace Strata.Core.Docs;

/// <summary>One <c>&lt;Datastore Include="main" Engine="sqlite" /&gt;</c> item, as declared in the project file.</summary>
public sealed record DeclaredDatastore(string Name, string Engine);

/// <summary>What <see cref="DatastoreDocValidator.Validate"/> checks: the declared datastores and where their docs live.</summary>
public sealed record DocValidationRequest(string ProjectDirectory, IReadOnlyList<DeclaredDatastore> Datastores)
{
    /// <summary>The default docs folder, relative to the project directory (seed rule 11.6: docs/data/&lt;datastore&gt;.md).</summary>
    public const string DefaultDocsDirectory = "docs/data";

    /// <summary>Folder of the docs, relative to <see cref="ProjectDirectory"/> (or absolute). Docs are read only from here.</summary>
    public string DocsDirectory { get; init; } = DefaultDocsDirectory;

    /// <summary>
    /// False (default): diagnostic files are relative to the project with '/' separators (<c>docs/data/main.md</c>),
    /// stable across machines and good for tests. True: absolute paths, which is what MSBuild and IDEs click on.
    /// </summary>
    public bool AbsolutePaths { get; init; }
}
