namespace Strata.Core.Compose;

/// <summary>Hard limits that keep a hostile or accidental compose file from crashing or hanging a build (STRATA3003).</summary>
internal static class ComposeLimits
{
    /// <summary>A compose file larger than this is not read at all (4 MiB; real ones are a few KiB).</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Mapping/sequence nesting (Compose needs about 6 levels).</summary>
    public const int MaxDepth = 64;

    /// <summary>Parser events (nodes as written).</summary>
    public const int MaxEvents = 500_000;

    /// <summary>Nodes after every alias is expanded (counted, never built): stops "billion laughs" alias bombs.</summary>
    public const long MaxExpandedNodes = 500_000;
}
