namespace Strata.Core.Catalog;

/// <summary>The engines of the seed's database matrix, plus Redis for cache and sessions.</summary>
public static class EngineCatalog
{
    private const string Migrations = "db/{0}/migrations";
    private const string SchemaFiles = "db/{0}/schema";

    public static readonly EngineDescriptor Sqlite = new()
    {
        Id = "sqlite", DisplayName = "SQLite", SchemaStyle = SchemaStyle.SqlMigrations, SchemaFolderFormat = Migrations,
        BackupMethod = "sqlite-online-backup", RetentionMechanism = "scheduled DELETE job", Embedded = true,
    };

    public static readonly EngineDescriptor Postgres = new()
    {
        Id = "postgres", DisplayName = "PostgreSQL", SchemaStyle = SchemaStyle.SqlMigrations, SchemaFolderFormat = Migrations,
        BackupMethod = "pg_dump", RetentionMechanism = "scheduled DELETE job or partition drop",
    };

    public static readonly EngineDescriptor MongoDb = new()
    {
        Id = "mongodb", DisplayName = "MongoDB", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "mongodump", RetentionMechanism = "TTL index",
    };

    public static readonly EngineDescriptor Neo4j = new()
    {
        Id = "neo4j", DisplayName = "Neo4j", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "neo4j-admin-dump", RetentionMechanism = "scheduled Cypher DELETE job",
    };

    public static readonly EngineDescriptor Elasticsearch = new()
    {
        Id = "elasticsearch", DisplayName = "Elasticsearch", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "snapshot-repository", RetentionMechanism = "ILM policy",
    };

    public static readonly EngineDescriptor Chroma = new()
    {
        Id = "chroma", DisplayName = "Chroma", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "persist-directory-copy", RetentionMechanism = "scheduled delete by metadata filter",
    };

    public static readonly EngineDescriptor Qdrant = new()
    {
        Id = "qdrant", DisplayName = "Qdrant", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "snapshot-api", RetentionMechanism = "scheduled delete by payload filter",
    };

    public static readonly EngineDescriptor Redis = new()
    {
        Id = "redis", DisplayName = "Redis", SchemaStyle = SchemaStyle.None, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "rdb-snapshot", RetentionMechanism = "key TTL",
    };

    public static IReadOnlyList<EngineDescriptor> All { get; } =
        [Postgres, Sqlite, MongoDb, Neo4j, Elasticsearch, Chroma, Qdrant, Redis];

    public static EngineDescriptor? Find(string id) =>
        All.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));

    public static string KnownIds => string.Join(", ", All.Select(e => e.Id));
}
