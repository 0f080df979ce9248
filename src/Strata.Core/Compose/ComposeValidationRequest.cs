using Strata.Core.Docs;

namespace Strata.Core.Compose;

/// <summary>
/// What <see cref="ComposeValidator.Validate"/> checks: one compose file of a project against its Datastore items.
/// </summary>
/// <param name="ProjectDirectory">The project folder; <paramref name="ComposeFile"/> and diagnostic paths are relative to it.</param>
/// <param name="ComposeFile">The compose file, relative to the project (or absolute). Empty: the first of
/// <see cref="DefaultFileNames"/> that exists, and no check at all when none does.</param>
/// <param name="Datastores">The project's Datastore items (name and engine id).</param>
public sealed record ComposeValidationRequest(string ProjectDirectory, string ComposeFile, IReadOnlyList<DeclaredDatastore> Datastores)
{
    /// <summary>The names Compose itself looks for, in its order.</summary>
    public static IReadOnlyList<string> DefaultFileNames { get; } = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];

    /// <summary>
    /// True when the user named the file on purpose (StrataComposeFile was set): a missing file is then STRATA3001.
    /// False: a missing file means the project has no compose stack, and nothing is checked.
    /// </summary>
    public bool Required { get; init; }

    /// <summary>False (default): diagnostic files are relative to the project with '/' separators; true: absolute.</summary>
    public bool AbsolutePaths { get; init; }
}
