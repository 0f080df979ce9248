using Strata.Core.Catalog;
using Strata.Core.Diagnostics;
using Strata.Core.Docs;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Compose;

/// <summary>What the rules see: the file, its services (matched to the Datastore items) and its top-level volumes.</summary>
internal sealed class ComposeContext
{
    private ComposeContext(ComposeYaml yaml, YamlMappingNode root)
    {
        Yaml = yaml;
        Root = root;
    }

    public ComposeYaml Yaml { get; }

    public YamlMappingNode Root { get; }

    /// <summary>The <c>services:</c> key, where file-level diagnostics point (null when the file has none).</summary>
    public YamlScalarNode? ServicesKey { get; private init; }

    public IReadOnlyList<ComposeService> Services { get; private init; } = [];

    /// <summary>The declared datastores with a server engine, in declaration order.</summary>
    public IReadOnlyList<MatchedDatastore> Datastores { get; private init; } = [];

    /// <summary>Names declared under the top-level <c>volumes:</c>.</summary>
    public IReadOnlySet<string> Volumes { get; private init; } = new HashSet<string>();

    /// <summary>Problems found while matching labels (STRATA3012), reported by their rule.</summary>
    public List<Diagnostic> LabelProblems { get; } = [];

    public ComposeService? Service(string name) => Services.FirstOrDefault(s => s.Name == name);

    public SourceLocation FileLevel => ServicesKey is null ? Yaml.At(Root) : Yaml.At(ServicesKey);

    /// <summary>Reads the services, or reports STRATA3005 for a shape Compose itself would reject.</summary>
    public static ComposeContext? Create(ComposeYaml yaml, YamlMappingNode root, IReadOnlyList<DeclaredDatastore> datastores, List<Diagnostic> diagnostics)
    {
        var servicesEntry = yaml.Find(root, "services");
        var services = new List<ComposeService>();
        if (servicesEntry is not null)
        {
            if (servicesEntry.Value is not YamlMappingNode servicesMap)
            {
                diagnostics.Add(DiagnosticCatalog.ComposeUnexpectedShape.Create(yaml.At(servicesEntry.Value),
                    "'services:' must be a mapping of service names to their settings"));
                return null;
            }

            foreach (var entry in yaml.Entries(servicesMap))
            {
                if (entry.Value is not YamlMappingNode body)
                {
                    diagnostics.Add(DiagnosticCatalog.ComposeUnexpectedShape.Create(yaml.At(entry.Key),
                        $"service '{entry.Name}' must be a mapping of settings (image, volumes, ...)"));
                    continue;
                }

                services.Add(Describe(yaml, entry, body));
            }
        }

        var volumes = yaml.Get(root, "volumes") is YamlMappingNode volumesMap
            ? yaml.Entries(volumesMap).Select(e => e.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        var declared = datastores
            .Select(d => (d.Name, Engine: EngineCatalog.Find(d.Engine ?? string.Empty)))
            .Where(d => d.Engine is { Embedded: false })
            .DistinctBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new MatchedDatastore(d.Name, d.Engine!))
            .ToList();
        var context = new ComposeContext(yaml, root)
        {
            ServicesKey = servicesEntry?.Key,
            Services = services,
            Datastores = declared,
            Volumes = volumes,
        };
        ComposeMatcher.Match(context, datastores);
        return context;
    }

    private static ComposeService Describe(ComposeYaml yaml, ComposeEntry entry, YamlMappingNode body)
    {
        var imageNode = yaml.Get(body, "image") as YamlScalarNode;
        var image = imageNode?.Value is { Length: > 0 } text ? ImageReference.Parse(text) : null;
        return new ComposeService(entry.Name, entry.Key, body)
        {
            ImageNode = imageNode,
            Image = image,
            Builds = yaml.Find(body, "build") is not null,
            // A scheduled backup or a schema service (labels strata.backup, strata.schema: DevStackFiles) runs the store's
            // image as a client, not as a store.
            ImageEngine = image is null || Label(yaml, body, Writing.DevStackFiles.BackupLabel) is not null || Label(yaml, body, Writing.DevStackFiles.SchemaLabel) is not null
                ? null : EngineCatalog.FindByImageRepository(image.Repository),
            DatastoreLabel = Label(yaml, body, ComposeMatcher.DatastoreLabel),
        };
    }

    /// <summary>A label's value from <c>labels:</c> as a mapping or as a list of <c>key=value</c>.</summary>
    private static (string, YamlNode)? Label(ComposeYaml yaml, YamlMappingNode body, string name)
    {
        switch (yaml.Get(body, "labels"))
        {
            case YamlMappingNode map when yaml.Find(map, name) is { } entry:
                return (ComposeYaml.Text(entry.Value)?.Trim() ?? string.Empty, entry.Value);
            case YamlSequenceNode list:
                foreach (var item in list.Children.OfType<YamlScalarNode>())
                {
                    var text = item.Value ?? string.Empty;
                    var eq = text.IndexOf('=', StringComparison.Ordinal);
                    if (eq >= 0 && text[..eq].Trim() == name)
                    {
                        return (text[(eq + 1)..].Trim(), item);
                    }
                }

                break;
        }

        return null;
    }
}
