using Strata.Core.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Compose.Rules;

/// <summary>STRATA3020: a stateful service mounts a named, declared volume at its engine's data path.</summary>
internal static class VolumeRule
{
    private sealed record Mount(YamlNode Node, string Type, string? Source, string Target);

    public static IEnumerable<Diagnostic> Check(ComposeContext context)
    {
        foreach (var service in context.Services.Where(s => s.IsStateful && s.Engine!.DataPath is not null))
        {
            var engine = service.Engine!;
            var paths = new[] { engine.DataPath! }.Concat(engine.AlternateDataPaths).Select(Normalize).ToList();
            var volumesEntry = context.Yaml.Find(service.Body, "volumes");
            var mounts = volumesEntry?.Value is YamlSequenceNode list ? list.Children.Select(m => Parse(context, m)).OfType<Mount>().ToList() : [];
            var atData = mounts.Where(m => paths.Contains(Normalize(m.Target), StringComparer.Ordinal)).ToList();
            var named = atData.FirstOrDefault(m => m.Type == "volume" && !string.IsNullOrEmpty(m.Source));
            string? problem;
            YamlNode where;
            if (named is not null)
            {
                if (context.Volumes.Contains(named.Source!))
                {
                    continue;
                }

                (problem, where) = ($"the volume '{named.Source}' mounted there is not declared under the top-level 'volumes:'", named.Node);
            }
            else if (atData.FirstOrDefault() is { } other)
            {
                problem = other.Type switch
                {
                    "bind" => $"'{other.Source}' mounted there is a bind mount (a host folder), not a named volume",
                    "tmpfs" => "a tmpfs is mounted there, which is lost when the container stops",
                    _ => "the volume mounted there has no name (an anonymous volume), which is easily lost and hard to back up",
                };
                where = other.Node;
            }
            else
            {
                problem = "nothing is mounted there";
                where = volumesEntry?.Key ?? (YamlNode)service.Key;
            }

            var display = paths.Count == 1 ? engine.DataPath! : string.Join(" or ", paths);
            yield return DiagnosticCatalog.ComposeDataVolumeMissing.Create(context.Yaml.At(where),
                service.Name, engine.DisplayName, display, problem, engine.DataPath!);
        }
    }

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static Mount? Parse(ComposeContext context, YamlNode node)
    {
        if (node is YamlMappingNode map)
        {
            var target = ComposeYaml.Text(context.Yaml.Get(map, "target"));
            var longSource = ComposeYaml.Text(context.Yaml.Get(map, "source"));
            var type = ComposeYaml.Text(context.Yaml.Get(map, "type")) ?? "volume";
            return target is null ? null : new Mount(node, type.Trim(), longSource?.Trim(), target.Trim());
        }

        if (ComposeYaml.Text(node) is not { Length: > 0 } text)
        {
            return null;
        }

        // SOURCE:TARGET[:MODE] or TARGET (an anonymous volume). Windows drive letters are not expected in a Linux stack.
        var parts = text.Trim().Split(':');
        if (parts.Length == 1)
        {
            return new Mount(node, "volume", null, parts[0]);
        }

        var source = parts[0];
        var bind = source.Length == 0 || source[0] is '/' or '.' or '~' or '$' || source.Contains('/', StringComparison.Ordinal);
        return new Mount(node, bind ? "bind" : "volume", source, parts[1]);
    }
}
