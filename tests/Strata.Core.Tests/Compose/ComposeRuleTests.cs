using Strata.Core.Docs;
using static Strata.Core.Tests.Compose.ComposeTest;

namespace Strata.Core.Tests.Compose;

/// <summary>One test per compose rule, flagged and not flagged, asserting code, line and column.</summary>
public class ComposeRuleTests
{
    private static readonly DeclaredDatastore Cache = new("cache", "redis");

    [Fact]
    public void The_good_file_is_clean() => Check(Good).ShouldBeClean();

    // STRATA3010: Datastore without a service.

    [Fact]
    public void A_server_datastore_without_a_service_is_reported_at_services()
    {
        var message = Check(Good, Main, Cache).ShouldReportOnly("STRATA3010", (1, 1)).Message;
        message.ShouldContain("Datastore 'cache' (redis)");
        message.ShouldContain("image redis:<version>");
    }

    [Fact]
    public void An_embedded_datastore_needs_no_service() => Check(Good, Main, new DeclaredDatastore("local", "sqlite")).ShouldBeClean();

    // STRATA3011: stateful service without a Datastore.

    [Fact]
    public void A_stateful_service_without_a_datastore_is_reported_at_its_name()
    {
        var yaml = Good.Replace("  main:\n", "  other:\n    image: redis:7.4.1\n    volumes: [other-data:/data]\n    healthcheck: {test: [\"CMD\", \"redis-cli\", \"ping\"]}\n  main:\n", StringComparison.Ordinal)
            + "  other-data:\n";
        Check(yaml).ShouldReportOnly("STRATA3011", (2, 3)).Message.ShouldContain("<Datastore Include=\"other\" Engine=\"redis\" />");
    }

    [Fact]
    public void A_stateless_service_needs_no_datastore() =>
        Check(Good.Replace("  main:\n", "  adminer:\n    image: adminer:4.8.1\n  main:\n", StringComparison.Ordinal)).ShouldBeClean();

    [Fact]
    public void A_scheduled_backup_running_an_engines_image_is_a_client_not_a_datastore()
    {
        // DevStackFiles' <name>-backup services: the store's image, no volume or health check of its own, label strata.backup.
        var backup = "  main-backup:\n    image: postgres:17.2\n    command: [\"bash\", \"ops/backup/main.sh\"]\n    labels:\n      strata.backup: main\n  main:\n";
        Check(Good.Replace("  main:\n", backup, StringComparison.Ordinal)).ShouldBeClean();
        Check(Good.Replace("  main:\n", backup.Replace("strata.backup", "other.label", StringComparison.Ordinal), StringComparison.Ordinal))
            .Select(d => d.Id).ShouldContain("STRATA3011");
    }

    [Fact]
    public void A_service_with_another_name_is_matched_by_label_or_by_its_engine()
    {
        var renamed = Good.Replace("  main:\n", "  db:\n", StringComparison.Ordinal);
        Check(renamed).ShouldBeClean(); // the only postgres service and the only postgres datastore
        Check(renamed.Replace("  db:\n", "  db:\n    labels:\n      strata.datastore: main\n", StringComparison.Ordinal)).ShouldBeClean();
        Check(renamed.Replace("  db:\n", "  db:\n    labels: [\"strata.datastore=main\"]\n", StringComparison.Ordinal)).ShouldBeClean();
        Check(renamed, Main, new DeclaredDatastore("audit", "postgres")).Select(d => d.Id).ShouldBe(["STRATA3010", "STRATA3010", "STRATA3011"]);
    }

    // STRATA3012: label naming no datastore.

    [Fact]
    public void A_label_naming_no_datastore_is_reported_at_its_value()
    {
        var yaml = Good.Replace("  main:\n", "  main:\n    labels:\n      strata.datastore: orders\n", StringComparison.Ordinal);
        var diagnostics = Check(yaml);
        diagnostics.ShouldReport("STRATA3012", (4, 25)).Message.ShouldContain("no Datastore item is named 'orders' (declared: main)");
        diagnostics.ShouldReport("STRATA3010", (1, 1));
    }

    [Fact]
    public void A_label_naming_a_sqlite_datastore_is_reported()
    {
        var yaml = Good.Replace("  main:\n", "  main:\n    labels: [\"strata.datastore=local\"]\n", StringComparison.Ordinal);
        Check(yaml, Main, new DeclaredDatastore("local", "sqlite")).ShouldReport("STRATA3012", (3, 14)).Message.ShouldContain("runs inside the service");
    }

    // STRATA3013: engine mismatch.

    [Fact]
    public void A_service_whose_image_is_another_engine_is_reported_at_the_image()
    {
        var diagnostics = Check(Good, new DeclaredDatastore("main", "mongodb"));
        diagnostics.ShouldReport("STRATA3013", (3, 12)).Message.ShouldContain("runs PostgreSQL");
    }

    // STRATA3015/3016: tags.

    [Theory]
    [InlineData("postgres", "STRATA3015")]
    [InlineData("docker.io/library/postgres", "STRATA3015")]
    [InlineData("postgres:latest", "STRATA3016")]
    [InlineData("pgvector/pgvector:LATEST", "STRATA3016")]
    public void An_untagged_or_latest_image_is_reported_at_the_image(string image, string id) =>
        Check(GoodWith(3, "    image: " + image)).ShouldReportOnly(id, (3, 12));

    [Theory]
    [InlineData("postgres:17.2")]
    [InlineData("postgres@sha256:4ec37d2a07a0067f176fdcc9d4bb633a5724d2cc4f892c7a2046d054bb6939e5")]
    [InlineData("postgres:${POSTGRES_TAG:-17.2}")]
    [InlineData("localhost:5000/postgres:17.2")]
    public void Exact_digest_or_interpolated_tags_are_fine(string image) => Check(GoodWith(3, "    image: " + image)).ShouldBeClean();

    [Fact]
    public void A_registry_port_is_not_a_tag() =>
        Check(GoodWith(3, "    image: localhost:5000/postgres")).ShouldReportOnly("STRATA3015", (3, 12));

    [Fact]
    public void An_image_the_service_builds_is_not_judged() =>
        Check(Good.Replace("  main:\n", "  api:\n    build: .\n    image: orders-api\n  main:\n", StringComparison.Ordinal)).ShouldBeClean();

    // STRATA3020: named data volume.

    [Theory]
    [InlineData("      - ./data:/var/lib/postgresql/data", "bind mount")]
    [InlineData("      - /var/lib/postgresql/data", "anonymous volume")]
    [InlineData("      - main-data:/var/lib/pg", "nothing is mounted there")]
    [InlineData("      - other:/var/lib/postgresql/data", "not declared under the top-level 'volumes:'")]
    [InlineData("      - {type: tmpfs, target: /var/lib/postgresql/data}", "tmpfs")]
    public void A_missing_or_unnamed_data_volume_is_reported(string line, string reason)
    {
        var at = reason == "nothing is mounted there" ? (8, 5) : (9, 9);
        Check(GoodWith(9, line)).ShouldReportOnly("STRATA3020", at).Message.ShouldContain(reason);
    }

    [Fact]
    public void No_volumes_at_all_is_reported_at_the_service()
    {
        var yaml = Good.Replace("    volumes:\n      - main-data:/var/lib/postgresql/data\n", string.Empty, StringComparison.Ordinal);
        Check(yaml).ShouldReportOnly("STRATA3020", (2, 3)).Message.ShouldContain("keeps its data in /var/lib/postgresql/data or /var/lib/postgresql");
    }

    [Fact]
    public void The_long_syntax_and_a_trailing_slash_are_fine()
    {
        Check(GoodWith(9, "      - {type: volume, source: main-data, target: /var/lib/postgresql/data/}")).ShouldBeClean();
        Check(GoodWith(9, "      - main-data:/var/lib/postgresql/data:rw")).ShouldBeClean();
    }

    // STRATA3025/3026: health checks.

    [Fact]
    public void A_stateful_service_without_a_health_check_is_reported_at_its_name()
    {
        var yaml = Good.Replace("    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]\n", string.Empty, StringComparison.Ordinal);
        Check(yaml).ShouldReportOnly("STRATA3025", (2, 3));
    }

    [Theory]
    [InlineData("      disable: true", 11, 7)]
    [InlineData("      test: [\"NONE\"]", 11, 13)]
    [InlineData("      interval: 5s", 10, 5)]
    public void A_disabled_or_testless_health_check_is_reported(string line, int expectedLine, int column) =>
        Check(GoodWith(11, line)).ShouldReportOnly("STRATA3025", (expectedLine, column));

    [Theory]
    [InlineData("\"||\"", "[\"CMD\", \"pg_isready\", \"||\", \"exit\", \"1\"]")]
    [InlineData("\"redis-cli ping | grep PONG\"", "[\"CMD\", \"redis-cli ping | grep PONG\"]")]
    [InlineData("\"2>/dev/null\"", "[\"CMD\", \"pg_isready\", \"2>/dev/null\"]")]
    [InlineData("\"true;\"", "[\"CMD\", \"true;\", \"false\"]")]
    [InlineData("\"a && b\"", "[\"CMD\", \"sh\", \"a && b\"]")]
    public void Shell_syntax_in_an_exec_form_health_check_is_reported_at_the_argument(string argument, string test)
    {
        var yaml = GoodWith(11, "      test: " + test);
        Check(yaml).ShouldReportOnly("STRATA3026", Find(yaml, argument));
    }

    [Theory]
    [InlineData("[\"CMD-SHELL\", \"pg_isready || exit 1\"]")]
    [InlineData("pg_isready || exit 1")]
    [InlineData("[\"CMD\", \"pg_isready\", \"-d\", \"postgresql://h/db?options=-c%20a=b;c\"]")]
    public void Shell_forms_and_plain_arguments_are_fine(string test) => Check(GoodWith(11, "      test: " + test)).ShouldBeClean();

    // STRATA3030: literal secrets.

    [Theory]
    [InlineData("      POSTGRES_PASSWORD: admin", "admin", "")]
    [InlineData("      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-admin}", "${", "default")]
    [InlineData("      NEO4J_AUTH: neo4j/admin", "neo4j/admin", "")]
    [InlineData("      DATA_SOURCE_NAME: postgresql://postgres:hunter2@main:5432/db", "postgresql", "URL with a password")]
    [InlineData("      QDRANT__SERVICE__API_KEY: \"0123456789\"", "\"0123", "")]
    [InlineData("      REDIS_PASS: 12345", "12345", "")]
    public void A_literal_secret_in_a_mapping_is_reported_at_the_value(string line, string value, string reason)
    {
        var yaml = GoodWith(5, line);
        var diagnostic = Check(yaml).ShouldReportOnly("STRATA3030", Find(yaml, value));
        diagnostic.Message.ShouldContain(reason);
    }

    [Fact]
    public void A_literal_secret_in_a_list_is_reported_at_the_value()
    {
        var yaml = GoodWith(4, "    environment:\n      - POSTGRES_USER=orders\n      - \"POSTGRES_PASSWORD=admin\"").Replace(
            "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}\n", string.Empty, StringComparison.Ordinal);
        Check(yaml).ShouldReportOnly("STRATA3030", Find(yaml, "admin"));
    }

    [Theory]
    [InlineData("      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}")]
    [InlineData("      POSTGRES_PASSWORD: $POSTGRES_PASSWORD")]
    [InlineData("      POSTGRES_PASSWORD:")]
    [InlineData("      POSTGRES_PASSWORD_FILE: /run/secrets/postgres-password")]
    [InlineData("      NEO4J_AUTH: neo4j/${NEO4J_PASSWORD:?set NEO4J_PASSWORD}")]
    [InlineData("      POSTGRES_HOST_AUTH_METHOD: scram-sha-256")]
    [InlineData("      REDIS_KEY_PREFIX: orders")]
    [InlineData("      DATA_SOURCE_NAME: postgresql://postgres:${POSTGRES_PASSWORD}@main:5432/db")]
    public void Interpolations_files_and_harmless_names_are_fine(string line) => Check(GoodWith(5, line)).ShouldBeClean();

    // STRATA3035: ports.

    [Theory]
    [InlineData("\"5432:5432\"", "every network interface (no host address given)")]
    [InlineData("\"0.0.0.0:5432:5432\"", "every network interface (0.0.0.0)")]
    [InlineData("\"5432\"", "every network interface")]
    [InlineData("\"192.168.1.10:5432:5432\"", "'192.168.1.10', which is not loopback")]
    public void A_port_published_beyond_loopback_is_reported(string port, string where)
    {
        var message = Check(GoodWith(7, "      - " + port)).ShouldReportOnly("STRATA3035", (7, 9)).Message;
        message.ShouldContain(where);
        message.ShouldContain("127.0.0.1:5432:5432");
    }

    [Fact]
    public void A_long_syntax_port_without_a_loopback_host_ip_is_reported()
    {
        Check(GoodWith(7, "      - {target: 5432, published: 5432}")).ShouldReportOnly("STRATA3035", (7, 9)).Message.ShouldContain("host_ip: 127.0.0.1");
        Check(GoodWith(7, "      - {target: 5432, published: 5432, host_ip: 0.0.0.0}")).ShouldReportOnly("STRATA3035", (7, 50));
    }

    [Theory]
    [InlineData("      - \"127.0.0.1:5432:5432\"")]
    [InlineData("      - \"127.0.0.1:5432:5432/tcp\"")]
    [InlineData("      - \"[::1]:5432:5432\"")]
    [InlineData("      - \"::1:5432:5432\"")]
    [InlineData("      - \"localhost:5432:5432\"")]
    [InlineData("      - \"${BIND_ADDRESS:-127.0.0.1}:5432:5432\"")]
    [InlineData("      - {target: 5432, published: 5432, host_ip: 127.0.0.1}")]
    public void Loopback_ports_are_fine(string line) => Check(GoodWith(7, line)).ShouldBeClean();

    // STRATA3040: depends_on.

    private static string WithApi(string dependsOn) =>
        Good.Replace("  main:\n", "  api:\n    image: ghcr.io/example/api:1.0.0\n" + dependsOn + "  main:\n", StringComparison.Ordinal);

    [Fact]
    public void A_short_depends_on_a_stateful_service_is_reported_at_the_item()
    {
        var yaml = WithApi("    depends_on:\n      - main\n");
        Check(yaml).ShouldReportOnly("STRATA3040", (5, 9)).Message.ShouldContain("short list form");
    }

    [Fact]
    public void A_depends_on_without_service_healthy_is_reported_at_the_condition()
    {
        var yaml = WithApi("    depends_on:\n      main:\n        condition: service_started\n");
        Check(yaml).ShouldReportOnly("STRATA3040", (6, 20));
        Check(WithApi("    depends_on:\n      main: {}\n")).ShouldReportOnly("STRATA3040", (5, 7));
    }

    [Fact]
    public void Service_healthy_and_stateless_dependencies_are_fine()
    {
        Check(WithApi("    depends_on:\n      main:\n        condition: service_healthy\n")).ShouldBeClean();
        var yaml = WithApi("    depends_on: [web]\n").Replace("  main:\n", "  web:\n    image: nginx:1.27.2\n  main:\n", StringComparison.Ordinal);
        Check(yaml).ShouldBeClean();
    }

    // Merge keys apply before the rules.

    [Fact]
    public void Settings_from_merge_keys_count_and_own_keys_win()
    {
        var yaml = """
            x-pg: &pg
              image: postgres:latest
              healthcheck:
                test: ["CMD-SHELL", "pg_isready"]
            services:
              main:
                <<: *pg
                image: postgres:17.2
                volumes: [main-data:/var/lib/postgresql/data]
            volumes:
              main-data:
            """;
        Check(yaml).ShouldBeClean();
        Check(yaml.Replace("    image: postgres:17.2\n", string.Empty, StringComparison.Ordinal)).ShouldReportOnly("STRATA3016", (2, 10));
    }
}
