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
        Summary = "The service's own embedded database, a single SQLite file (`data/{name}.db` by default, from `ConnectionStrings:{name}`).",
        BackupProse = "An online backup with SQLite's backup API, which is safe while the service runs: `sqlite3 data/{name}.db \".backup 'backups/{name}-$(date -u +%Y%m%dT%H%M%SZ).db'\"`.",
        RestoreProse = "Restore by stopping the service and copying a backup over `data/{name}.db`.",
        InitialMigration = """
            CREATE TABLE {table}_items (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                created_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
            );
            """,
    };

    public static readonly EngineDescriptor Postgres = new()
    {
        Id = "postgres", DisplayName = "PostgreSQL", SchemaStyle = SchemaStyle.SqlMigrations, SchemaFolderFormat = Migrations,
        BackupMethod = "pg_dump", RetentionMechanism = "scheduled DELETE job or partition drop",
        Summary = "A PostgreSQL database, reached through the connection string `ConnectionStrings:{name}`.",
        BackupProse = "A logical backup with `pg_dump --format=custom --file=backups/{name}-$(date -u +%Y%m%dT%H%M%SZ).dump \"$DATABASE_URL\"`, consistent while the service runs.",
        RestoreProse = "Restore into an empty database with `pg_restore --clean --if-exists --dbname \"$DATABASE_URL\" <file>.dump`, then start the service.",
        InitialMigration = """
            CREATE TABLE {table}_items (
                id         BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                created_at TIMESTAMPTZ NOT NULL DEFAULT now()
            );
            """,
        ImageRepositories = ["postgres", "pgvector/pgvector", "postgis/postgis", "timescale/timescaledb"], DataPath = "/var/lib/postgresql/data",
        AlternateDataPaths = ["/var/lib/postgresql"], // PostgreSQL 18+ images keep PGDATA under /var/lib/postgresql
    };

    public static readonly EngineDescriptor MongoDb = new()
    {
        Id = "mongodb", DisplayName = "MongoDB", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "mongodump", RetentionMechanism = "TTL index",
        Summary = "A MongoDB database, reached through the connection string `ConnectionStrings:{name}`.",
        BackupProse = "A backup with `mongodump --uri \"$MONGODB_URI\" --archive=backups/{name}-$(date -u +%Y%m%dT%H%M%SZ).archive --gzip`.",
        RestoreProse = "Restore with `mongorestore --uri \"$MONGODB_URI\" --archive=<file>.archive --gzip --drop`.",
        SchemaHint = "one JSON Schema validator per collection, `<collection>.json`",
        ImageRepositories = ["mongo", "mongodb/mongodb-community-server"], DataPath = "/data/db",
    };

    public static readonly EngineDescriptor Neo4j = new()
    {
        Id = "neo4j", DisplayName = "Neo4j", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "neo4j-admin-dump", RetentionMechanism = "scheduled Cypher DELETE job",
        Summary = "A Neo4j graph database, reached through the connection string `ConnectionStrings:{name}`.",
        BackupProse = "A dump with `neo4j-admin database dump neo4j --to-path=backups/{name}/`, taken while the database is stopped (or an online backup on Enterprise Edition).",
        RestoreProse = "Restore with `neo4j-admin database load neo4j --from-path=backups/{name}/ --overwrite-destination=true` while the database is stopped.",
        SchemaHint = "Cypher constraint and index statements, `*.cypher`",
        ImageRepositories = ["neo4j"], DataPath = "/data",
    };

    public static readonly EngineDescriptor Elasticsearch = new()
    {
        Id = "elasticsearch", DisplayName = "Elasticsearch", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "snapshot-repository", RetentionMechanism = "ILM policy",
        Summary = "An Elasticsearch cluster, reached through the connection string `ConnectionStrings:{name}`.",
        BackupProse = "A snapshot into a registered snapshot repository: `PUT _snapshot/backups/{name}-%3Cnow%2Fd%3E`, scheduled by a snapshot lifecycle policy.",
        RestoreProse = "Restore with `POST _snapshot/backups/<snapshot>/_restore` after closing or deleting the indices it replaces.",
        SchemaHint = "index mappings and settings, `<index>.json`",
        ImageRepositories = ["docker.elastic.co/elasticsearch/elasticsearch", "elasticsearch"], DataPath = "/usr/share/elasticsearch/data",
    };

    public static readonly EngineDescriptor Chroma = new()
    {
        Id = "chroma", DisplayName = "Chroma", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "persist-directory-copy", RetentionMechanism = "scheduled delete by metadata filter",
        Summary = "A Chroma vector database, reached through the connection string `ConnectionStrings:{name}`.",
        BackupProse = "A copy of Chroma's persist directory (`tar czf backups/{name}-$(date -u +%Y%m%dT%H%M%SZ).tgz chroma-data/`), taken while writes are paused.",
        RestoreProse = "Restore by stopping Chroma and unpacking a copy over its persist directory.",
        SchemaHint = "one collection definition per collection (embedding function, distance), `<collection>.json`",
        ImageRepositories = ["chromadb/chroma", "ghcr.io/chroma-core/chroma"], DataPath = "/data",
        AlternateDataPaths = ["/chroma/chroma"], // images before Chroma 1.0 persist to /chroma/chroma
    };

    public static readonly EngineDescriptor Qdrant = new()
    {
        Id = "qdrant", DisplayName = "Qdrant", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "snapshot-api", RetentionMechanism = "scheduled delete by payload filter",
        Summary = "A Qdrant vector database, reached through the connection string `ConnectionStrings:{name}`.",
        BackupProse = "A snapshot of each collection with `POST /collections/<collection>/snapshots`, downloaded to `backups/{name}/`.",
        RestoreProse = "Restore with `PUT /collections/<collection>/snapshots/recover` from a downloaded snapshot.",
        SchemaHint = "one collection definition per collection (vector size, distance, payload indexes), `<collection>.json`",
        ImageRepositories = ["qdrant/qdrant"], DataPath = "/qdrant/storage",
    };

    public static readonly EngineDescriptor Redis = new()
    {
        Id = "redis", DisplayName = "Redis", SchemaStyle = SchemaStyle.None, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "rdb-snapshot", RetentionMechanism = "key TTL",
        Summary = "A Redis instance used as a cache, reached through the connection string `ConnectionStrings:{name}`; every key is written with a time to live.",
        BackupProse = "An RDB snapshot (`redis-cli -u \"$REDIS_URL\" --rdb backups/{name}-$(date -u +%Y%m%dT%H%M%SZ).rdb`); a cache can also be rebuilt from the primary store.",
        RestoreProse = "Restore by stopping Redis, copying a snapshot to its `dump.rdb` and starting it again.",
        SchemaHint = "Redis has no schema to migrate; keys are written by the service under the prefix `{name}:`",
        DefaultRetentionPeriod = "P1D",
        SchemaLocationFormat = "docs/data/{0}.md",
        ImageRepositories = ["redis"], DataPath = "/data",
    };

    public static IReadOnlyList<EngineDescriptor> All { get; } =
        [Postgres, Sqlite, MongoDb, Neo4j, Elasticsearch, Chroma, Qdrant, Redis];

    public static EngineDescriptor? Find(string id) =>
        All.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The engine whose image repository this is (see <see cref="EngineDescriptor.ImageRepositories"/>), or null.
    /// <paramref name="repository"/> is normalised the same way: lowercase, no tag or digest, no Docker Hub host or "library/".
    /// </summary>
    public static EngineDescriptor? FindByImageRepository(string repository) =>
        All.FirstOrDefault(e => e.ImageRepositories.Contains(repository, StringComparer.OrdinalIgnoreCase));

    public static string KnownIds => string.Join(", ", All.Select(e => e.Id));
}
