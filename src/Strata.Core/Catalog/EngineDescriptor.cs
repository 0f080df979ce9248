namespace Strata.Core.Catalog;

/// <summary>
/// Everything Strata knows about one engine. Templates, docs rules and generators read these facts instead of
/// keeping their own per-engine copies; adding an engine is one descriptor here plus one template folder.
/// </summary>
public sealed record EngineDescriptor
{
    public required string Id { get; init; }

    public required string DisplayName { get; init; }

    public required SchemaStyle SchemaStyle { get; init; }

    /// <summary>The folder, relative to the project, that holds the schema; {0} is the datastore name.</summary>
    public required string SchemaFolderFormat { get; init; }

    /// <summary>How a backup is taken, as the datastore doc's backup.method names it.</summary>
    public required string BackupMethod { get; init; }

    /// <summary>What the engine offers to enforce a retention period.</summary>
    public required string RetentionMechanism { get; init; }

    /// <summary>True when the engine runs inside the service process and needs no server.</summary>
    public bool Embedded { get; init; }

    public string SchemaFolder(string datastore) => string.Format(System.Globalization.CultureInfo.InvariantCulture, SchemaFolderFormat, datastore);
}
