using System.Globalization;
using System.Text.RegularExpressions;
using Strata.Core.Compose;
using Strata.Core.Compose.Rules;
using Strata.Core.Diagnostics;
using Strata.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Datastores;

/// <summary>
/// A service's compose file, read (with the compose check's loader, so bad input is STRATA3001-3005) to add one
/// datastore's service: the services and volumes it has, the host ports it publishes, the variables it interpolates, and
/// the lines where its top-level <c>services:</c> and <c>volumes:</c> mappings end. The new text is inserted at those
/// lines in the file's own indentation and line ending; the user's YAML is never re-serialized, so comments and layout
/// stay as they were. A file that does not exist yet (or holds only comments) gets both mappings.
/// </summary>
internal sealed partial class ComposeFileEditor
{
    private static readonly string[] AfterServices = ["networks", "volumes", "secrets", "configs"];
    private static readonly string[] AfterVolumes = ["secrets", "configs"];

    private readonly LineText _lines;
    private readonly ComposeYaml _yaml;
    private readonly List<YamlScalarNode> _topKeys;
    private readonly YamlMappingNode? _root;
    private readonly IReadOnlyList<ComposeService> _services;

    private ComposeFileEditor(string fullPath, string display, string text, bool bom, byte[]? original, YamlMappingNode? root, IReadOnlyList<ComposeService> services)
    {
        (FullPath, Display, Bom, Original, _root, _services) = (fullPath, display, bom, original, root, services);
        _lines = new LineText(text);
        _yaml = new ComposeYaml(display);
        _topKeys = root?.Children.Select(c => c.Key).OfType<YamlScalarNode>().OrderBy(k => k.Start.Line).ToList() ?? [];
        Text = text;
    }

    public string FullPath { get; }

    public string Display { get; }

    public bool Bom { get; }

    /// <summary>The file's bytes before the add; null when it is created.</summary>
    public byte[]? Original { get; }

    private string Text { get; }

    /// <summary>
    /// Reads the compose file, or returns null with a coded error: STRATA3001-3005 as in the compose check (not UTF-8,
    /// not YAML, too large or deep, duplicate keys, an unexpected shape). A missing file starts from <paramref name="newFileHeader"/>.
    /// </summary>
    public static ComposeFileEditor? Open(string fullPath, string display, string newFileHeader, List<Diagnostic> diagnostics)
    {
        if (Directory.Exists(fullPath))
        {
            diagnostics.Add(DiagnosticCatalog.ComposeUnreadable.Create(new SourceLocation(display), $"'{display}' is a directory"));
            return null;
        }

        if (!File.Exists(fullPath))
        {
            return new ComposeFileEditor(fullPath, display, newFileHeader, false, null, null, []);
        }

        byte[] bytes;
        try
        {
            var length = new FileInfo(fullPath).Length;
            if (length > ComposeLimits.MaxFileBytes)
            {
                diagnostics.Add(DiagnosticCatalog.ComposeRejected.Create(SourceLocation.At(display, 1, 1), ComposeLoader.TooLarge(length)));
                return null;
            }

            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.ComposeUnreadable.Create(new SourceLocation(display), ex.Message.TrimEnd('.')));
            return null;
        }

        var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var text = Utf8File.TryDecode(bytes.AsSpan(bom ? 3 : 0), out _);
        if (text is not null && IsBlank(text))
        {
            return new ComposeFileEditor(fullPath, display, text, bom, bytes, null, []);
        }

        var count = diagnostics.Count;
        var root = ComposeLoader.Load(display, bytes, diagnostics);
        if (root is null)
        {
            return null;
        }

        // An empty 'services:' is fine here (the new service fills it); anything else is read as the compose check reads it.
        var services = TopValue(root, "services") is YamlScalarNode { Value: null or "" } empty && !IsQuoted(empty)
            ? null
            : ComposeContext.Create(new ComposeYaml(display), root, [], diagnostics)?.Services;
        return diagnostics.Count > count ? null : new ComposeFileEditor(fullPath, display, text!, bom, bytes, root, services ?? []);
    }

    /// <summary>Host ports the file publishes (short and long syntax, ranges, and the defaults of interpolated ports).</summary>
    public ISet<int> PublishedPorts()
    {
        var ports = new HashSet<int>();
        foreach (var service in _services)
        {
            if (_yaml.Get(service.Body, "ports") is not YamlSequenceNode list)
            {
                continue;
            }

            foreach (var port in list.Children)
            {
                var host = port is YamlMappingNode map
                    ? ComposeYaml.Text(_yaml.Get(map, "published"))
                    : ComposeYaml.Text(port) is { } text ? PortRule.ParseShort(WithDefaults(text.Trim())).Host : null;
                AddRange(ports, host is null ? null : WithDefaults(host));
            }
        }

        return ports;
    }

    /// <summary>Variables the file interpolates (<c>${VAR...}</c>, <c>$VAR</c>; not <c>$$</c>, which the container's shell reads).</summary>
    public ISet<string> InterpolatedVariables() =>
        Interpolation().Matches(Text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>STRATA3105 when the file already has a service named <paramref name="name"/>, one labelled for it, or its volume.</summary>
    public Diagnostic? Conflict(string name)
    {
        string? what = null;
        YamlNode? at = null;
        if (_services.FirstOrDefault(s => s.Name == name) is { } named)
        {
            (what, at) = ($"a service named '{name}'", named.Key);
        }
        else if (_services.FirstOrDefault(s => s.DatastoreLabel?.Name == name) is { } labelled)
        {
            (what, at) = ($"a service labelled for it ('{labelled.Name}', strata.datastore: {name})", labelled.DatastoreLabel!.Value.Node);
        }
        else if (TopValue(_root, "volumes") is YamlMappingNode volumes && _yaml.Find(volumes, name + "-data") is { } volume)
        {
            (what, at) = ($"a volume named '{name}-data'", volume.Key);
        }

        return what is null
            ? null
            : DiagnosticCatalog.AddDatastoreServiceExists.Create(_yaml.At(at!),
                string.Create(CultureInfo.InvariantCulture, $"{what} (line {at!.Start.Line})"), name);
    }

    /// <summary>
    /// The file with <paramref name="service"/> (a block two-space indented under services:) at the end of the top-level
    /// services: mapping and <paramref name="volume"/> at the end of volumes:, each created when missing; null with
    /// STRATA3005 or STRATA3106 when a mapping is not one that lines can be added to.
    /// </summary>
    public PlannedFile? AddService(string datastore, string service, string volume, List<Diagnostic> diagnostics)
    {
        var inserts = new List<(int After, int Order, IReadOnlyList<string> Lines)>();
        var rootIndent = _topKeys.Count > 0 ? (int)_topKeys[0].Start.Column - 1 : 0;
        var servicesUnit = 2;
        foreach (var (key, block, order, before) in new[] { ("services", service, 0, AfterServices), ("volumes", volume, 1, AfterVolumes) })
        {
            var keyNode = _topKeys.FirstOrDefault(k => k.Value == key);
            if (keyNode is null)
            {
                inserts.Add((BeforeTopLevelKey(before, rootIndent), order, [Indent(key + ":", rootIndent), .. Reindent(block, rootIndent, servicesUnit)]));
                continue;
            }

            var indent = (int)keyNode.Start.Column - 1;
            switch (_root!.Children[keyNode])
            {
                case YamlScalarNode { Value: null or "" } empty when !IsQuoted(empty):
                    inserts.Add(((int)keyNode.Start.Line, order, Reindent(block, indent, servicesUnit)));
                    break;
                case YamlMappingNode { Style: MappingStyle.Flow } flow:
                    return NotEditable(flow, $"'{key}:' is written in flow style ({{ ... }}), where lines cannot be added");
                case YamlMappingNode map when map.Start.Index < keyNode.End.Index:
                    return NotEditable(map, $"'{key}:' is an alias ('*') of a mapping written elsewhere in the file");
                case YamlMappingNode map:
                    var unit = map.Children.Count > 0 ? Math.Max(1, (int)map.Children[0].Key.Start.Column - 1 - indent) : servicesUnit;
                    servicesUnit = key == "services" ? unit : servicesUnit;
                    var lines = Reindent(block, indent, unit);
                    if (key == "services" && map.Children.Count > 1 && _lines.IsBlank((int)map.Children[^1].Key.Start.Line - 1))
                    {
                        lines = ["", .. lines]; // the file separates its services with a blank line
                    }

                    inserts.Add((EndOfMapping(keyNode, indent), order, lines));
                    break;
                default:
                    diagnostics.Add(DiagnosticCatalog.ComposeUnexpectedShape.Create(_yaml.At(_root.Children[keyNode]),
                        $"'{key}:' must be a mapping of {key} names to their settings"));
                    return null;
            }
        }

        foreach (var (after, _, lines) in inserts.OrderByDescending(i => i.After).ThenByDescending(i => i.Order))
        {
            _lines.InsertAfter(after, [.. lines.Select(l => l.Replace("\n", _lines.NewLine, StringComparison.Ordinal))]);
        }

        return new PlannedFile(FullPath, Display, (Bom ? "\uFEFF" : string.Empty) + _lines, Original);

        PlannedFile? NotEditable(YamlNode node, string reason)
        {
            diagnostics.Add(DiagnosticCatalog.AddDatastoreComposeNotEditable.Create(_yaml.At(node), datastore, reason));
            return null;
        }
    }

    /// <summary>The last line of a top-level key's block: trailing blank lines and top-level comments belong to what follows.</summary>
    private int EndOfMapping(YamlScalarNode key, int indent)
    {
        var line = (int)key.Start.Line;
        var next = _topKeys.Where(k => k.Start.Line > line).Select(k => (int)k.Start.Line).DefaultIfEmpty(DocumentEnd(line)).Min();
        for (var i = next - 1; i > line; i--)
        {
            var text = _lines[i];
            var content = text.TrimStart(' ');
            if (!_lines.IsBlank(i) && !(content.StartsWith('#') && text.Length - content.Length <= indent))
            {
                return i;
            }
        }

        return line;
    }

    /// <summary>Where a new top-level key goes: above the first of <paramref name="keys"/> and its comment lines, else at the end.</summary>
    private int BeforeTopLevelKey(string[] keys, int indent)
    {
        if (_topKeys.FirstOrDefault(k => keys.Contains(k.Value)) is not { } next)
        {
            return DocumentEnd(0) - 1;
        }

        var i = (int)next.Start.Line - 1;
        while (i > 0 && _lines[i].TrimStart(' ').StartsWith('#') && _lines[i].Length - _lines[i].TrimStart(' ').Length <= indent)
        {
            i--;
        }

        return i;
    }

    /// <summary>The line after the document: a '...' end marker after <paramref name="after"/>, else one past the last line.</summary>
    private int DocumentEnd(int after)
    {
        for (var i = after + 1; i <= _lines.Count; i++)
        {
            if (_lines[i].TrimEnd() == "...")
            {
                return i;
            }
        }

        return _lines.Count + 1;
    }

    /// <summary>A block written with two spaces per level, re-indented to <paramref name="unit"/> per level below <paramref name="indent"/>.</summary>
    private static List<string> Reindent(string block, int indent, int unit) =>
        [.. block.TrimEnd('\n').Split('\n').Select(line =>
        {
            var spaces = line.Length - line.TrimStart(' ').Length;
            return Indent(line[spaces..], indent + (spaces / 2 * unit));
        })];

    private static string Indent(string text, int spaces) => new string(' ', spaces) + text;

    private static YamlNode? TopValue(YamlMappingNode? root, string key) =>
        root?.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: var k } && k == key).Value;

    private static bool IsQuoted(YamlScalarNode node) => node.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;

    private static bool IsBlank(string text)
    {
        var lines = new LineText(text);
        return Enumerable.Range(1, lines.Count).All(i => lines[i].Trim() is "" or "---" || lines[i].TrimStart().StartsWith('#'));
    }

    private static string WithDefaults(string text) => Defaulted().Replace(text, m => m.Groups[1].Value);

    private static void AddRange(HashSet<int> ports, string? text)
    {
        var parts = text?.Trim().Split('-') ?? [];
        if (parts.Length is 1 or 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            for (var port = first; port <= Math.Min(last, 65535); port++)
            {
                ports.Add(port);
            }
        }
    }

    [GeneratedRegex(@"(?<!\$)\$\{?([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex Interpolation();

    /// <summary>${VAR:-default} / ${VAR-default} becomes its default, ${VAR} nothing.</summary>
    [GeneratedRegex(@"\$\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Defaulted();
}
