namespace Strata.Core.Docs;

/// <summary>Hard limits that keep hostile or accidental input from crashing or hanging a build (STRATA1015).</summary>
internal static class DocLimits
{
    /// <summary>A datastore doc larger than this is not read at all.</summary>
    public const int MaxDocBytes = 1024 * 1024;

    /// <summary>Mapping/sequence nesting allowed in the front matter (the format needs 3).</summary>
    public const int MaxYamlDepth = 32;

    /// <summary>Longest single YAML scalar.</summary>
    public const int MaxScalarChars = 64 * 1024;

    /// <summary>Parsing events (nodes) in the front matter.</summary>
    public const int MaxYamlEvents = 10_000;

    /// <summary>Longest key for which a "did you mean" suggestion is computed.</summary>
    public const int MaxSuggestionKeyLength = 64;
}
