using Strata.Core.Catalog;
using Strata.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Compose;

/// <summary>One key and its value in a mapping, after merge keys are applied; <see cref="Key"/> points at the text.</summary>
internal sealed record ComposeEntry(string Name, YamlScalarNode Key, YamlNode Value);

/// <summary>
/// Read access to a loaded compose file that applies YAML merge keys (<c>&lt;&lt;: *defaults</c>, or a list of
/// aliases: keys of the mapping itself win, then the merged mappings in order). Aliases are shared nodes, never
/// copies, and the loader has bounded what they expand to and refused recursive ones, so nothing here can blow up.
/// </summary>
internal sealed class ComposeYaml(string file)
{
    private readonly Dictionary<YamlMappingNode, IReadOnlyList<ComposeEntry>> _entries = new(ReferenceEqualityComparer.Instance);

    public string File { get; } = file;

    public SourceLocation At(YamlNode node) => ComposeLoader.At(File, node.Start);

    public SourceLocation At(Mark mark) => ComposeLoader.At(File, mark);

    public IReadOnlyList<ComposeEntry> Entries(YamlMappingNode map) => Resolve(map, 0);

    public ComposeEntry? Find(YamlMappingNode? map, string key) =>
        map is null ? null : Entries(map).FirstOrDefault(e => e.Name == key);

    public YamlNode? Get(YamlMappingNode? map, string key) => Find(map, key)?.Value;

    public static string? Text(YamlNode? node) => node is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>True for a scalar that YAML reads as true (Compose's booleans).</summary>
    public static bool IsTrue(YamlNode? node) => Text(node) is { } text && text.Trim().ToLowerInvariant() is "true" or "yes" or "on";

    private IReadOnlyList<ComposeEntry> Resolve(YamlMappingNode map, int depth)
    {
        if (_entries.TryGetValue(map, out var cached))
        {
            return cached;
        }

        var result = new List<ComposeEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var merges = new List<YamlNode>();
        foreach (var (key, value) in map.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } scalar)
            {
                continue;
            }

            if (name == "<<" && scalar.Style is ScalarStyle.Plain or ScalarStyle.Any)
            {
                merges.Add(value);
            }
            else if (seen.Add(name))
            {
                result.Add(new ComposeEntry(name, scalar, value));
            }
        }

        if (depth < ComposeLimits.MaxDepth)
        {
            foreach (var merge in merges)
            {
                IEnumerable<YamlNode> sources = merge is YamlSequenceNode list ? list.Children : [merge];
                foreach (var source in sources.OfType<YamlMappingNode>())
                {
                    result.AddRange(Resolve(source, depth + 1).Where(e => seen.Add(e.Name)));
                }
            }
        }

        _entries[map] = result;
        return result;
    }
}

/// <summary>A service of the compose file, with what the check found out about it.</summary>
internal sealed class ComposeService(string name, YamlScalarNode key, YamlMappingNode body)
{
    public string Name { get; } = name;

    /// <summary>The service's key under <c>services:</c>: where service-level diagnostics point.</summary>
    public YamlScalarNode Key { get; } = key;

    public YamlMappingNode Body { get; } = body;

    public YamlScalarNode? ImageNode { get; init; }

    public ImageReference? Image { get; init; }

    /// <summary>True when the service builds its image (<c>build:</c>); <c>image:</c> then names the result.</summary>
    public bool Builds { get; init; }

    /// <summary>The engine the catalog knows the image as, if any.</summary>
    public EngineDescriptor? ImageEngine { get; init; }

    /// <summary>The value of its <c>strata.datastore</c> label, if any, and where it is written.</summary>
    public (string Name, YamlNode Node)? DatastoreLabel { get; init; }

    /// <summary>The Datastore item this service runs (set by matching), if any.</summary>
    public MatchedDatastore? Datastore { get; set; }

    /// <summary>The engine whose rules apply: the matched datastore's, else the image's; null for a stateless service.</summary>
    public EngineDescriptor? Engine => Datastore?.Engine ?? ImageEngine;

    public bool IsStateful => Engine is not null;
}

/// <summary>A Datastore item with a server engine (embedded engines need no service).</summary>
internal sealed record MatchedDatastore(string Name, EngineDescriptor Engine);

/// <summary>
/// An image reference split as Docker does: <c>[registry/]path[:tag][@digest]</c>. <see cref="Repository"/> is
/// normalised for the catalog: lowercase, without the Docker Hub host and its <c>library/</c> prefix.
/// </summary>
internal sealed record ImageReference(string Text, string Repository, string? Tag, bool HasDigest)
{
    private static readonly string[] DockerHubHosts = ["docker.io/", "index.docker.io/", "registry-1.docker.io/"];

    /// <summary>True when any part comes from an interpolation, so the real value is only known at run time.</summary>
    public bool Interpolated => Text.Contains('$', StringComparison.Ordinal);

    public static ImageReference Parse(string text)
    {
        var trimmed = text.Trim();
        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        var name = at >= 0 ? trimmed[..at] : trimmed;
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        var tag = colon > slash ? name[(colon + 1)..] : null;
        var repository = (colon > slash ? name[..colon] : name).ToLowerInvariant();
        foreach (var host in DockerHubHosts)
        {
            if (repository.StartsWith(host, StringComparison.Ordinal))
            {
                repository = repository[host.Length..];
                break;
            }
        }

        if (repository.StartsWith("library/", StringComparison.Ordinal))
        {
            repository = repository["library/".Length..];
        }

        return new ImageReference(trimmed, repository, tag, at >= 0);
    }
}
