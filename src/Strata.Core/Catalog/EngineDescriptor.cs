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

    // Facts a generated datastore doc (DatastoreDocWriter) is filled in with. In prose, {name} is the datastore name.

    /// <summary>One sentence (Markdown) on where a datastore of this engine lives in a Strata service.</summary>
    public required string Summary { get; init; }

    /// <summary>One or two sentences (Markdown) on how a backup is taken with <see cref="BackupMethod"/>.</summary>
    public required string BackupProse { get; init; }

    /// <summary>One sentence (Markdown) on how a backup is restored.</summary>
    public required string RestoreProse { get; init; }

    /// <summary>What goes into the schema folder (schema-file engines) or why there is no schema (<see cref="SchemaStyle.None"/>).</summary>
    public string SchemaHint { get; init; } = "";

    /// <summary>Default backup.schedule of a generated doc.</summary>
    public string DefaultBackupSchedule { get; init; } = "daily";

    /// <summary>Default backup.rpo (ISO-8601); must not be shorter than <see cref="DefaultBackupSchedule"/>.</summary>
    public string DefaultRpo { get; init; } = "P1D";

    /// <summary>Default backup.rto (ISO-8601).</summary>
    public string DefaultRto { get; init; } = "PT1H";

    /// <summary>Default backup.restore-tested.</summary>
    public string DefaultRestoreTested { get; init; } = "quarterly";

    /// <summary>Default retention.period: "indefinite" until a period is agreed, or what the engine is for (a cache expires).</summary>
    public string DefaultRetentionPeriod { get; init; } = "indefinite";

    /// <summary>
    /// The doc's schema.location, relative to the project; {0} is the datastore name. Defaults to
    /// <see cref="SchemaFolderFormat"/>; engines without a schema point at their own doc.
    /// </summary>
    public string? SchemaLocationFormat { get; init; }

    /// <summary>
    /// The first schema file a new datastore gets (db/&lt;name&gt;/schema/&lt;this&gt;), schema-file engines only; its text is
    /// the embedded template Datastores/Templates/initial-schema/&lt;id&gt;.hbs.
    /// </summary>
    public string? InitialSchemaFile { get; init; }

    /// <summary>The first migration a new datastore gets (db/&lt;name&gt;/migrations/0001_init.sql), SQL engines only; {name} and {table}.</summary>
    public string? InitialMigration { get; init; }

    /// <summary>
    /// Container image repositories that run this engine, lowercase, without a tag and without the Docker Hub host or
    /// its "library/" prefix (<c>postgres</c>, <c>pgvector/pgvector</c>, <c>docker.elastic.co/elasticsearch/elasticsearch</c>).
    /// The compose check (STRATA30xx) knows a stateful compose service by its image's repository.
    /// </summary>
    public IReadOnlyList<string> ImageRepositories { get; init; } = [];

    /// <summary>Where the engine's image keeps its data; the compose check wants a named volume mounted there.</summary>
    public string? DataPath { get; init; }

    /// <summary>Other data paths accepted for the engine's images (older or newer image layouts than <see cref="DataPath"/>).</summary>
    public IReadOnlyList<string> AlternateDataPaths { get; init; } = [];

    /// <summary>How the engine runs in a compose stack; null for embedded engines.</summary>
    public ContainerSpec? Container { get; init; }

    public string SchemaLocation(string datastore) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, SchemaLocationFormat ?? SchemaFolderFormat, datastore);

    public string SchemaFolder(string datastore) => string.Format(System.Globalization.CultureInfo.InvariantCulture, SchemaFolderFormat, datastore);
}
