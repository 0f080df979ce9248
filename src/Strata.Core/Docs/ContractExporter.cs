using System.Globalization;
using System.Text.RegularExpressions;
using Strata.Core.Catalog;
using Strata.Core.Diagnostics;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Strata.Core.Docs;

/// <summary>What <see cref="ContractExporter.Export"/> turns into data contracts.</summary>
public sealed record ContractExportRequest(string ProjectDirectory, IReadOnlyList<DeclaredDatastore> Datastores)
{
    public string DocsDirectory { get; init; } = DocValidationRequest.DefaultDocsDirectory;

    /// <summary>The service (project) name: contract ids are &lt;service&gt;.&lt;datastore&gt;.</summary>
    public string ServiceName { get; init; } = "service";

    /// <summary>ODCS <c>version</c> (required by the standard): the version of the contract, by default the project's.</summary>
    public string Version { get; init; } = "1.0.0";

    /// <summary>ODCS <c>status</c>: proposed, draft, active, deprecated or retired.</summary>
    public string Status { get; init; } = "active";
}

/// <summary>One contract: the datastore it describes and its YAML text.</summary>
public sealed record ExportedContract(string Datastore, string Yaml);

/// <summary>
/// Exports each datastore doc as an Open Data Contract Standard v3.0 contract (YAML via YamlDotNet), following the
/// mapping table in docs/datastore-docs.md. Docs are validated first; when any doc has an error nothing is exported.
/// </summary>
public static partial class ContractExporter
{
    /// <summary>v3.0.1 rather than v3.0.2: the published v3.0.x JSON schemas all accept it, and nothing exported here differs.</summary>
    public const string ApiVersion = "v3.0.1";

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections)
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .WithEventEmitter(next => new LiteralMultilineEmitter(next))
        .Build();

    public static (IReadOnlyList<ExportedContract> Contracts, IReadOnlyList<Diagnostic> Diagnostics) Export(ContractExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diagnostics = DatastoreDocValidator.Validate(new DocValidationRequest(request.ProjectDirectory, request.Datastores) { DocsDirectory = request.DocsDirectory });
        if (diagnostics.Any(d => d.IsError))
        {
            return ([], diagnostics);
        }

        var project = Path.GetFullPath(request.ProjectDirectory);
        var docs = Path.GetFullPath(Path.Combine(project, request.DocsDirectory));
        var contracts = new List<ExportedContract>();
        var all = diagnostics.ToList();
        foreach (var datastore in request.Datastores.DistinctBy(d => d.Name, StringComparer.Ordinal))
        {
            var path = Path.Combine(docs, datastore.Name + ".md");
            var doc = DocLoader.Load(DocPaths.Display(project, path), File.ReadAllBytes(path), all);
            if (doc is not null)
            {
                contracts.Add(new ExportedContract(datastore.Name, Serializer.Serialize(Map(doc, datastore, request))));
            }
        }

        return (contracts, all);
    }

    private static OdcsContract Map(DatastoreDoc doc, DeclaredDatastore datastore, ContractExportRequest request)
    {
        string? Text(string path) => DocFields.Scalar(doc.FrontMatter, path) is { } s && !DocFields.IsEmpty(s) ? s.Value!.Trim() : null;
        var engine = EngineCatalog.Find(datastore.Engine);
        var locations = DocFields.Find(doc.FrontMatter, "schema.location")?.Value switch
        {
            YamlScalarNode scalar => [scalar.Value!.Trim()],
            YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(s => s.Value!.Trim()).ToList(),
            _ => new List<string>(),
        };

        var custom = new List<OdcsCustomProperty>();
        void AddCustom(string property, object? value)
        {
            if (value is not null)
            {
                custom.Add(new OdcsCustomProperty { Property = property, Value = value });
            }
        }

        AddCustom("backupMethod", Text("backup.method"));
        AddCustom("backupScript", Text("backup.script"));
        AddCustom("restoreTested", Text("backup.restore-tested"));
        AddCustom("retentionMechanism", Text("retention.mechanism"));
        foreach (var (key, value) in doc.FrontMatter.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && name.StartsWith(DocFields.ExtensionPrefix, StringComparison.Ordinal))
            {
                AddCustom(name, Plain(value));
            }
        }

        var sla = new List<OdcsSlaProperty>();
        if (Text("backup.schedule") is { } schedule)
        {
            sla.Add(Sla("frequency", schedule, "operational"));
        }

        if (Text("backup.rpo") is { } rpo)
        {
            sla.Add(Sla("rpo", rpo, "operational"));
        }

        if (Text("backup.rto") is { } rto)
        {
            sla.Add(Sla("rto", rto, "operational"));
        }

        if (Text("retention.period") is { } retention)
        {
            sla.Add(Sla("retention", retention, "regulatory"));
        }

        var pii = Text("pii") is { } piiText && piiText.Equals("true", StringComparison.OrdinalIgnoreCase);
        var classification = Text("classification");
        return new OdcsContract
        {
            ApiVersion = ApiVersion,
            Kind = "DataContract",
            Id = $"{request.ServiceName}.{datastore.Name}",
            Name = datastore.Name,
            Version = request.Version,
            Status = request.Status,
            Tags = pii ? ["pii"] : [],
            Description = new OdcsDescription { Purpose = Text("purpose"), Usage = SectionText(doc, "Purpose") },
            Team = Text("owner") is { } owner ? [new OdcsTeamMember { Username = owner, Role = "owner" }] : [],
            Servers =
            [
                new OdcsServer
                {
                    Server = datastore.Name,
                    Type = engine == EngineCatalog.Postgres ? "postgres" : "custom",
                    Description = $"{engine?.DisplayName ?? datastore.Engine} datastore '{datastore.Name}'",
                    CustomProperties = [new OdcsCustomProperty { Property = "engine", Value = datastore.Engine }],
                },
            ],
            Schema =
            [
                new OdcsSchemaObject
                {
                    Name = datastore.Name,
                    LogicalType = "object",
                    Description = SectionText(doc, "Schema definition"),
                    AuthoritativeDefinitions = [.. locations.Select(l => new OdcsAuthoritativeDefinition { Type = "implementation", Url = l })],
                    Tags = pii ? ["pii"] : [],
                    CustomProperties = classification is null ? [] : [new OdcsCustomProperty { Property = "classification", Value = classification }],
                },
            ],
            SlaProperties = sla,
            CustomProperties = custom,
        };
    }

    /// <summary>An SLA property: a single-unit duration as value and unit (P90D: 90, d); anything else as written.</summary>
    internal static OdcsSlaProperty Sla(string property, string text, string driver)
    {
        var match = SingleUnit().Match(text);
        if (match.Success)
        {
            var unit = match.Groups["t"].Success
                ? match.Groups["u"].Value switch { "H" => "h", "M" => "min", _ => "s" }
                : match.Groups["u"].Value switch { "Y" => "y", "M" => "mo", "W" => "w", _ => "d" };
            return new OdcsSlaProperty { Property = property, Value = long.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture), Unit = unit, Driver = driver };
        }

        if (ScheduleWords.TryGetValue(text, out var word))
        {
            return new OdcsSlaProperty { Property = property, Value = word.Value, Unit = word.Unit, Driver = driver };
        }

        var count = Count().Match(text);
        if (count.Success)
        {
            var unit = count.Groups["u"].Value.ToLowerInvariant().TrimEnd('s') switch { "day" => "d", "week" => "w", "month" => "mo", _ => "y" };
            return new OdcsSlaProperty { Property = property, Value = long.Parse(count.Groups["n"].Value, CultureInfo.InvariantCulture), Unit = unit, Driver = driver };
        }

        return new OdcsSlaProperty { Property = property, Value = text, Driver = driver };
    }

    [GeneratedRegex(@"^P(?:(?<n>\d{1,9})(?<u>[YMWD])|T(?<t>)(?<n>\d{1,9})(?<u>[HMS]))$", RegexOptions.CultureInvariant)]
    private static partial Regex SingleUnit();

    private static readonly Dictionary<string, (long Value, string Unit)> ScheduleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hourly"] = (1, "h"), ["daily"] = (1, "d"), ["weekly"] = (1, "w"), ["monthly"] = (1, "mo"),
        ["quarterly"] = (3, "mo"), ["yearly"] = (1, "y"), ["annually"] = (1, "y"),
    };

    [GeneratedRegex(@"^(?<n>\d{1,6})\s+(?<u>days?|weeks?|months?|years?)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Count();

    /// <summary>The Markdown source of a section's body, trimmed; null when the section is missing.</summary>
    private static string? SectionText(DatastoreDoc doc, string title)
    {
        var section = doc.Sections.FirstOrDefault(s => s.Level == 2 && string.Equals(s.Title, title, StringComparison.OrdinalIgnoreCase));
        if (section is null || section.Blocks.Count == 0)
        {
            return null;
        }

        var start = section.Blocks[0].Span.Start;
        var end = section.Blocks[^1].Span.End;
        return start < 0 || end < start || end >= doc.MarkdownText.Length ? null : doc.MarkdownText[start..(end + 1)].Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
    }

    /// <summary>A YAML node as plain .NET values (string, list, dictionary) for a custom property.</summary>
    private static object? Plain(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode list => list.Children.Select(Plain).ToList(),
        YamlMappingNode map => map.Children.ToDictionary(p => (p.Key as YamlScalarNode)?.Value ?? string.Empty, p => Plain(p.Value), StringComparer.Ordinal),
        _ => null,
    };
}

/// <summary>Multi-line text (the Markdown prose) as a YAML literal block, which keeps its lines as written.</summary>
internal sealed class LiteralMultilineEmitter(YamlDotNet.Serialization.IEventEmitter next) : YamlDotNet.Serialization.EventEmitters.ChainedEventEmitter(next)
{
    public override void Emit(YamlDotNet.Serialization.ScalarEventInfo eventInfo, YamlDotNet.Core.IEmitter emitter)
    {
        if (eventInfo.Source.Value is string text && text.Contains('\n', StringComparison.Ordinal))
        {
            eventInfo.Style = YamlDotNet.Core.ScalarStyle.Literal;
        }

        base.Emit(eventInfo, emitter);
    }
}

#pragma warning disable CA1002, CA2227 // Serialization models: plain mutable lists are what YamlDotNet writes.
internal sealed class OdcsContract
{
    public string ApiVersion { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Version { get; set; } = "";

    public string Status { get; set; } = "";

    public List<string> Tags { get; set; } = [];

    public OdcsDescription? Description { get; set; }

    public List<OdcsTeamMember> Team { get; set; } = [];

    public List<OdcsServer> Servers { get; set; } = [];

    public List<OdcsSchemaObject> Schema { get; set; } = [];

    public List<OdcsSlaProperty> SlaProperties { get; set; } = [];

    public List<OdcsCustomProperty> CustomProperties { get; set; } = [];
}

internal sealed class OdcsDescription
{
    public string? Purpose { get; set; }

    public string? Usage { get; set; }
}

internal sealed class OdcsTeamMember
{
    public string? Username { get; set; }

    public string? Role { get; set; }
}

internal sealed class OdcsServer
{
    public string Server { get; set; } = "";

    public string Type { get; set; } = "";

    public string? Description { get; set; }

    public List<OdcsCustomProperty> CustomProperties { get; set; } = [];
}

internal sealed class OdcsSchemaObject
{
    public string Name { get; set; } = "";

    public string? LogicalType { get; set; }

    public string? Description { get; set; }

    public List<OdcsAuthoritativeDefinition> AuthoritativeDefinitions { get; set; } = [];

    public List<string> Tags { get; set; } = [];

    public List<OdcsCustomProperty> CustomProperties { get; set; } = [];
}

internal sealed class OdcsAuthoritativeDefinition
{
    public string Url { get; set; } = "";

    public string Type { get; set; } = "";
}

internal sealed class OdcsSlaProperty
{
    public string Property { get; set; } = "";

    public object? Value { get; set; }

    public string? Unit { get; set; }

    public string? Driver { get; set; }
}

internal sealed class OdcsCustomProperty
{
    public string Property { get; set; } = "";

    public object? Value { get; set; }
}
#pragma warning restore CA1002, CA2227
