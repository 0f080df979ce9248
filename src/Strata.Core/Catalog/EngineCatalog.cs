namespace Strata.Core.Catalog;

/// <summary>The engines of the seed's database matrix, plus Redis for cache and sessions.</summary>
public static class EngineCatalog
{
    private const string Migrations = "db/{0}/migrations";
    private const string SchemaFiles = "db/{0}/schema";

    /// <summary>The plain PostgreSQL image; the flavors below pin their own.</summary>
    private const string PostgresImage = "postgres:17.2";

    /// <summary>
    /// A secret from .env, as every generated compose service takes one: Compose stops with the message when it is unset.
    /// {secret} is the variable (<see cref="ContainerSpec"/>).
    /// </summary>
    public const string Secret = "${{secret}:?set {secret} in .env (see .env.example)}";

    /// <summary>The PostgreSQL images of --postgres-flavor; the first is the plain one (<see cref="ContainerSpec.Image"/>).</summary>
    public static IReadOnlyList<PostgresFlavor> PostgresFlavors { get; } =
    [
        new("plain", PostgresImage, null, "PostgreSQL"),
        new("pgvector", "pgvector/pgvector:0.8.0-pg17", "vector", "PostgreSQL with pgvector (vector similarity search)"),
        new("postgis", "postgis/postgis:17-3.5", "postgis", "PostgreSQL with PostGIS (geospatial types and indexes)"),
        new("timescaledb", "timescale/timescaledb:2.17.2-pg17", "timescaledb", "PostgreSQL with TimescaleDB (time-series hypertables)"),
    ];

    /// <summary>An HTTP GET over bash's /dev/tcp that succeeds only on a 200 status line (images without curl or wget).</summary>
    private static string HttpGet(int port, string path) =>
        $"bash -c 'exec 3<>/dev/tcp/127.0.0.1/{port} && printf \"GET {path} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n\" >&3 && head -n 1 <&3 | grep -q \" 200 \"'";

    public static readonly EngineDescriptor Sqlite = new()
    {
        Id = "sqlite", DisplayName = "SQLite", SchemaStyle = SchemaStyle.SqlMigrations, SchemaFolderFormat = Migrations,
        BackupMethod = "sqlite-online-backup", RetentionMechanism = "scheduled DELETE job", Embedded = true,
        Summary = "The service's own embedded database, a single SQLite file (`data/{name}.db` by default, from `ConnectionStrings:{name}`).",
        BackupProse = "An online backup with SQLite's backup API, which is safe while the service runs: `sqlite3 data/{name}.db \".backup 'backups/{name}/{name}-$(date -u +%Y%m%dT%H%M%SZ).db'\"`.",
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
        BackupProse = "A logical backup with `pg_dump --format=custom --file=backups/{name}/{name}-$(date -u +%Y%m%dT%H%M%SZ).dump \"$DATABASE_URL\"`, consistent while the service runs.",
        RestoreProse = "Restore into an empty database with `pg_restore --clean --if-exists --dbname \"$DATABASE_URL\" <file>.dump`, then start the service.",
        InitialMigration = """
            CREATE TABLE {table}_items (
                id         BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                created_at TIMESTAMPTZ NOT NULL DEFAULT now()
            );
            """,
        ImageRepositories = ["postgres", "pgvector/pgvector", "postgis/postgis", "timescale/timescaledb"], DataPath = "/var/lib/postgresql/data",
        AlternateDataPaths = ["/var/lib/postgresql"], // PostgreSQL 18+ images keep PGDATA under /var/lib/postgresql
        Container = new ContainerSpec
        {
            Image = PostgresImage, Ports = [new(5432, "SQL")], SecretVariable = "POSTGRES_PASSWORD", Adminer = true, Client = "Npgsql",
            BackupConnectionString = "Host={service};Port=5432;Database={database};Username={database}",
            Environment = [new("POSTGRES_USER", "{database}"), new("POSTGRES_DB", "{database}"), new("POSTGRES_PASSWORD", Secret)],
            // psql over TCP, not pg_isready over the socket: the image's init server listens on the socket only, and a
            // query proves the login and the database exist.
            HealthCheck = ["CMD-SHELL", "PGPASSWORD=\"$${POSTGRES_PASSWORD}\" psql -h 127.0.0.1 -U \"$${POSTGRES_USER}\" -d \"$${POSTGRES_DB}\" -tAc 'SELECT 1' >/dev/null"],
            Exporter = new ExporterSpec
            {
                Image = "quay.io/prometheuscommunity/postgres-exporter:v0.16.0", Port = 9187, UpMetric = "pg_up",
                Environment = [new("DATA_SOURCE_URI", "{service}:5432/{database}?sslmode=disable"), new("DATA_SOURCE_USER", "{database}"), new("DATA_SOURCE_PASS", Secret)],
            },
            Panels =
            [
                new("Connections", "sum(pg_stat_database_numbackends{datastore=\"{datastore}\"})"),
                new("Transactions per second", "sum(rate(pg_stat_database_xact_commit{datastore=\"{datastore}\"}[5m]) + rate(pg_stat_database_xact_rollback{datastore=\"{datastore}\"}[5m]))", "ops"),
                new("Database size", "sum(pg_database_size_bytes{datastore=\"{datastore}\"})", "bytes"),
            ],
        },
    };

    public static readonly EngineDescriptor MongoDb = new()
    {
        Id = "mongodb", DisplayName = "MongoDB", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "mongodump", RetentionMechanism = "TTL index",
        Summary = "A MongoDB database, reached through the connection string `ConnectionStrings:{name}`.",
        BackupProse = "A backup with `mongodump --uri \"$MONGODB_URI\" --archive=backups/{name}/{name}-$(date -u +%Y%m%dT%H%M%SZ).archive --gzip`.",
        RestoreProse = "Restore with `mongorestore --uri \"$MONGODB_URI\" --archive=<file>.archive --gzip --drop`.",
        InitialSchemaFile = "0001_create_events.json",
        SchemaHint = "collections with their JSON Schema validators and indexes (a TTL index carries the retention period), one change per `<version>_<description>.json`",
        ImageRepositories = ["mongo", "mongodb/mongodb-community-server"], DataPath = "/data/db",
        Container = new ContainerSpec
        {
            Image = "mongo:7.0.14", Ports = [new(27017, "MongoDB wire protocol")], SecretVariable = "MONGODB_PASSWORD", Client = "MongoDB.Driver",
            BackupConnectionString = "mongodb://app@{service}:27017/?authSource=admin",
            SchemaService = new SchemaServiceSpec
            {
                Script = "ops/schema/mongodb.js",
                // The password reaches mongosh through the environment, never through the compose file.
                Command = ["bash", "-c", "mongosh \"mongodb://app:$${{secret}}@{service}:27017/?authSource=admin\" --quiet --norc --file /strata/mongodb.js"],
            },
            Environment = [new("MONGO_INITDB_ROOT_USERNAME", "app"), new("MONGO_INITDB_ROOT_PASSWORD", Secret)],
            // mongosh exits 0 after --eval whatever it printed, so the ping's result decides the exit code.
            HealthCheck = ["CMD", "mongosh", "--quiet", "--norc", "--eval", "quit(db.adminCommand({ ping: 1 }).ok === 1 ? 0 : 1)"],
            Exporter = new ExporterSpec
            {
                Image = "percona/mongodb_exporter:0.42.0", Port = 9216, UpMetric = "mongodb_up",
                Environment = [new("MONGODB_URI", "mongodb://app:" + Secret + "@{service}:27017/admin")],
            },
            Panels =
            [
                new("Connections", "mongodb_ss_connections{datastore=\"{datastore}\",conn_type=\"current\"}"),
                new("Operations per second", "sum by (legacy_op_type) (rate(mongodb_ss_opcounters{datastore=\"{datastore}\"}[5m]))", "ops"),
            ],
        },
    };

    public static readonly EngineDescriptor Neo4j = new()
    {
        Id = "neo4j", DisplayName = "Neo4j", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "neo4j-admin-dump", RetentionMechanism = "scheduled Cypher DELETE job",
        Summary = "A Neo4j graph database, reached through the connection string `ConnectionStrings:{name}`.",
        BackupProse = "A dump with `neo4j-admin database dump neo4j --to-path=backups/{name}/`, taken while the database is stopped (or an online backup on Enterprise Edition).",
        RestoreProse = "Restore with `neo4j-admin database load neo4j --from-path=backups/{name}/ --overwrite-destination=true` while the database is stopped.",
        InitialSchemaFile = "0001_create_entity_constraints.cypher",
        SchemaHint = "named, idempotent Cypher constraint and index statements, one change per `<version>_<description>.cypher`",
        ImageRepositories = ["neo4j"], DataPath = "/data",
        Container = new ContainerSpec
        {
            Image = "neo4j:5.26.0", Ports = [new(7687, "Bolt"), new(7474, "HTTP and Browser")], SecretVariable = "NEO4J_PASSWORD", Client = "Neo4j.Driver",
            Environment =
            [
                new("NEO4J_AUTH", "neo4j/" + Secret),
                new("NEO4J_server_memory_heap_max__size", "512m"), new("NEO4J_server_memory_pagecache_size", "256m"),
            ],
            HealthCheck = ["CMD-SHELL", "cypher-shell -a bolt://127.0.0.1:7687 -u neo4j -p \"$${NEO4J_AUTH#neo4j/}\" 'RETURN 1' >/dev/null"],
            StartPeriod = "60s", MemoryLimit = "1g",
            MetricsNote = "Neo4j serves Prometheus metrics only in its Enterprise Edition; the service's /health (a Bolt handshake) watches this one",
        },
    };

    public static readonly EngineDescriptor Elasticsearch = new()
    {
        Id = "elasticsearch", DisplayName = "Elasticsearch", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "snapshot-repository", RetentionMechanism = "ILM policy",
        Summary = "An Elasticsearch cluster, reached through the connection string `ConnectionStrings:{name}`.",
        BackupProse = "A snapshot into a registered snapshot repository: `PUT _snapshot/backups/{name}-%3Cnow%2Fd%3E`, scheduled by a snapshot lifecycle policy.",
        RestoreProse = "Restore with `POST _snapshot/backups/<snapshot>/_restore` after closing or deleting the indices it replaces.",
        InitialSchemaFile = "0001_create_documents_template.json",
        SchemaHint = "index templates, mappings and ILM policies (the delete phase carries the retention period), one change per `<version>_<description>.json`",
        ImageRepositories = ["docker.elastic.co/elasticsearch/elasticsearch", "elasticsearch"], DataPath = "/usr/share/elasticsearch/data",
        Container = new ContainerSpec
        {
            Image = "docker.elastic.co/elasticsearch/elasticsearch:8.15.3", Ports = [new(9200, "REST API")], SecretVariable = "ELASTIC_PASSWORD",
            Client = "Elastic.Clients.Elasticsearch",
            Environment =
            [
                new("discovery.type", "single-node"), new("xpack.security.enabled", "true"), new("xpack.security.http.ssl.enabled", "false"),
                new("ELASTIC_PASSWORD", Secret), new("ES_JAVA_OPTS", "-Xms512m -Xmx512m"),
            ],
            HealthCheck = ["CMD-SHELL", "curl -fsS -u \"elastic:$${ELASTIC_PASSWORD}\" 'http://127.0.0.1:9200/_cluster/health?wait_for_status=yellow&timeout=5s' >/dev/null"],
            StartPeriod = "60s", MemoryLimit = "1g",
            Exporter = new ExporterSpec
            {
                Image = "quay.io/prometheuscommunity/elasticsearch-exporter:v1.8.0", Port = 9114, UpMetric = "elasticsearch_cluster_health_up",
                Command = ["--es.uri=http://{service}:9200"],
                Environment = [new("ES_USERNAME", "elastic"), new("ES_PASSWORD", Secret)],
            },
            Panels =
            [
                new("Cluster status (0 green, 1 yellow, 2 red)", "max(elasticsearch_cluster_health_status{datastore=\"{datastore}\",color=\"yellow\"}) + 2 * max(elasticsearch_cluster_health_status{datastore=\"{datastore}\",color=\"red\"})"),
                new("JVM heap used", "sum(elasticsearch_jvm_memory_used_bytes{datastore=\"{datastore}\",area=\"heap\"})", "bytes"),
                new("Documents", "sum(elasticsearch_indices_docs{datastore=\"{datastore}\"})"),
            ],
        },
    };

    public static readonly EngineDescriptor Chroma = new()
    {
        Id = "chroma", DisplayName = "Chroma", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "persist-directory-copy", RetentionMechanism = "scheduled delete by metadata filter",
        Summary = "A Chroma vector database, reached through the connection string `ConnectionStrings:{name}`.",
        BackupProse = "A copy of Chroma's persist directory (`tar czf backups/{name}/{name}-$(date -u +%Y%m%dT%H%M%SZ).tgz chroma-data/`), taken while writes are paused.",
        RestoreProse = "Restore by stopping Chroma and unpacking a copy over its persist directory.",
        InitialSchemaFile = "0001_create_documents.json",
        SchemaHint = "collections with their dimension, distance and HNSW settings, one change per `<version>_<description>.json`",
        ImageRepositories = ["chromadb/chroma", "ghcr.io/chroma-core/chroma"], DataPath = "/data",
        AlternateDataPaths = ["/chroma/chroma"], // images before Chroma 1.0 persist to /chroma/chroma
        Container = new ContainerSpec
        {
            Image = "chromadb/chroma:1.0.0", Ports = [new(8000, "HTTP API")], Client = "ChromaDB.Client",
            // The image has bash but no curl: an HTTP request over bash's /dev/tcp, healthy only on a 200 heartbeat.
            HealthCheck = ["CMD-SHELL", HttpGet(8000, "/api/v2/heartbeat")],
            MetricsNote = "Chroma exports OpenTelemetry traces, not Prometheus metrics; the service's /health (its heartbeat) watches it",
        },
    };

    public static readonly EngineDescriptor Qdrant = new()
    {
        Id = "qdrant", DisplayName = "Qdrant", SchemaStyle = SchemaStyle.SchemaFiles, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "snapshot-api", RetentionMechanism = "scheduled delete by payload filter",
        Summary = "A Qdrant vector database, reached through the connection string `ConnectionStrings:{name}`.",
        BackupProse = "A snapshot of each collection with `POST /collections/<collection>/snapshots`, downloaded to `backups/{name}/`.",
        RestoreProse = "Restore with `PUT /collections/<collection>/snapshots/recover` from a downloaded snapshot.",
        InitialSchemaFile = "0001_create_documents.json",
        SchemaHint = "collections with their vector size, distance, HNSW and quantization settings and payload indexes, one change per `<version>_<description>.json`",
        ImageRepositories = ["qdrant/qdrant"], DataPath = "/qdrant/storage",
        Container = new ContainerSpec
        {
            Image = "qdrant/qdrant:v1.12.4", Ports = [new(6333, "HTTP API"), new(6334, "gRPC")], SecretVariable = "QDRANT_API_KEY", Client = "Qdrant.Client",
            Environment = [new("QDRANT__SERVICE__API_KEY", Secret)],
            // The image has bash but no curl (Qdrant keeps it minimal); /readyz answers 200 once every shard is ready.
            HealthCheck = ["CMD-SHELL", HttpGet(6333, "/readyz")],
            MetricsPath = "/metrics",
            Panels =
            [
                new("Collections", "collections_total{datastore=\"{datastore}\"}"),
                new("REST p95 latency", "histogram_quantile(0.95, sum by (le) (rate(rest_responses_duration_seconds_bucket{datastore=\"{datastore}\"}[5m])))", "s"),
            ],
        },
    };

    public static readonly EngineDescriptor Redis = new()
    {
        Id = "redis", DisplayName = "Redis", SchemaStyle = SchemaStyle.None, SchemaFolderFormat = SchemaFiles,
        BackupMethod = "rdb-snapshot", RetentionMechanism = "key TTL",
        Summary = "A Redis instance used as a cache, reached through the connection string `ConnectionStrings:{name}`; every key is written with a time to live.",
        BackupProse = "An RDB snapshot (`redis-cli -u \"$REDIS_URL\" --rdb backups/{name}/{name}-$(date -u +%Y%m%dT%H%M%SZ).rdb`); a cache can also be rebuilt from the primary store.",
        RestoreProse = "Restore by stopping Redis, copying a snapshot to its `dump.rdb` and starting it again.",
        InitialSchemaFile = "0001_cache_conventions.json",
        SchemaHint = "Redis has no schema to migrate; keys are written by the service under the prefix `{name}:`, and the eviction policy and key conventions the service relies on are recorded in `db/{name}/schema` (every build checks the policy against the compose file)",
        DefaultRetentionPeriod = "P1D",
        SchemaLocationFormat = "docs/data/{0}.md",
        ImageRepositories = ["redis"], DataPath = "/data",
        Container = new ContainerSpec
        {
            Image = "redis:7.4.1", Ports = [new(6379, "RESP")], SecretVariable = "REDIS_PASSWORD", Client = "StackExchange.Redis",
            BackupConnectionString = "{service}:6379",
            Environment = [new("REDIS_PASSWORD", Secret)],
            // A cache: append-only file for restarts, a memory cap and LRU eviction (docs/data: retention is the key TTL).
            Command = ["sh", "-c", "exec redis-server --requirepass \"$${REDIS_PASSWORD}\" --appendonly yes --maxmemory 256mb --maxmemory-policy allkeys-lru"],
            // redis-cli exits 0 on an error reply (NOAUTH, WRONGPASS), so only a PONG counts.
            HealthCheck = ["CMD-SHELL", "REDISCLI_AUTH=\"$${REDIS_PASSWORD}\" redis-cli -h 127.0.0.1 ping | grep -qx PONG"],
            Exporter = new ExporterSpec
            {
                Image = "oliver006/redis_exporter:v1.66.0", Port = 9121, UpMetric = "redis_up",
                Environment = [new("REDIS_ADDR", "redis://{service}:6379"), new("REDIS_PASSWORD", Secret)],
            },
            Panels =
            [
                new("Memory used", "redis_memory_used_bytes{datastore=\"{datastore}\"}", "bytes"),
                new("Hit ratio", "rate(redis_keyspace_hits_total{datastore=\"{datastore}\"}[5m]) / (rate(redis_keyspace_hits_total{datastore=\"{datastore}\"}[5m]) + rate(redis_keyspace_misses_total{datastore=\"{datastore}\"}[5m]))", "percentunit"),
                new("Evicted keys per second", "rate(redis_evicted_keys_total{datastore=\"{datastore}\"}[5m])", "ops"),
            ],
        },
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
