using System.Text;
using System.Text.RegularExpressions;
using Strata.Core.Catalog;
using Strata.Core.Compose;
using Strata.Core.Compose.Writing;
using Strata.Core.Datastores;
using Strata.Core.Docs;
using Strata.Core.Tests.Docs;
using ExternalTools = Strata.Core.Tests.Compose.ComposeExternalValidatorTests;

namespace Strata.Core.Tests.Datastores;

/// <summary>
/// Adding a server datastore also adds its compose service, volume and .env secret: to a new compose.yaml or at the end
/// of the user's, with their comments and layout kept; the result passes our compose check, docker-compose config and
/// dclint; a clash or a compose file that cannot be read or edited is a coded error that writes nothing.
/// </summary>
public sealed class DatastoreAdderComposeTests : IDisposable
{
    private const string SqliteProject = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <ItemGroup>
            <Datastore Include="main" Engine="sqlite" />
          </ItemGroup>
        </Project>

        """;

    private static readonly string ComposeFixtures = Path.Combine(DocsCatalogTests.RepoRoot(), "tests", "Strata.Core.Tests", "Compose", "Fixtures");

    private readonly TempProject _project = new();

    public void Dispose() => _project.Dispose();

    private string ProjectFile => _project.FullPath("Acme.Orders.csproj");

    private string Read(string relative) => File.ReadAllText(_project.FullPath(relative));

    private bool Exists(string relative) => File.Exists(_project.FullPath(relative));

    private AddDatastoreResult Add(string name, string engine, IReadOnlyList<DeclaredDatastore>? existing = null, string composeFile = "") =>
        DatastoreAdder.Add(new AddDatastoreRequest(ProjectFile, name, engine, "orders-team")
        {
            Existing = [.. (existing ?? [new("main", "sqlite")]).Select(d => new DatastoreDeclarations.Item(d.Name, d.Engine))],
            ComposeFile = composeFile,
        });

    /// <summary>A project declaring <paramref name="datastores"/>, with the compose file and .env given.</summary>
    private DeclaredDatastore[] Service(string? compose, string? env, params (string Name, string Engine)[] declared)
    {
        DeclaredDatastore[] datastores = [.. declared.Select(d => new DeclaredDatastore(d.Name, d.Engine))];
        var items = string.Concat(datastores.Select(d => $"    <Datastore Include=\"{d.Name}\" Engine=\"{d.Engine}\" />\n"));
        _project.Write("Acme.Orders.csproj", $"<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <ItemGroup>\n{items}  </ItemGroup>\n</Project>\n");
        if (compose is not null)
        {
            _project.Write("compose.yaml", compose);
        }

        if (env is not null)
        {
            _project.Write(".env", env);
        }

        return datastores;
    }

    private static string Block(string engineId, string name, string? secret, params int[] ports) =>
        DevStackFiles.Service(EngineCatalog.Find(engineId)!, name, name.Replace('-', '_'), hostPorts: ports, secretVariable: secret);

    private static int[] Ports(string engineId) => [.. EngineCatalog.Find(engineId)!.Container!.Ports.Select(p => p.Port)];

    public static TheoryData<string> ServerEngines() => ["postgres", "mongodb", "redis", "elasticsearch"];

    [Theory]
    [MemberData(nameof(ServerEngines))]
    public void Without_a_compose_file_the_datastore_gets_a_new_one_with_its_service_volume_and_secret(string engineId)
    {
        _project.Write("Acme.Orders.csproj", SqliteProject);
        var result = Add("extra", engineId);

        result.Diagnostics.ShouldBeClean();
        var engine = EngineCatalog.Find(engineId)!;
        var variable = engine.Container!.SecretVariable!;
        // MongoDB also gets the one-shot service that applies its schema files, and the applier script it runs.
        var schemaService = engine.Container.SchemaService is null ? "" : DevStackFiles.SchemaService(engine, "extra", "extra", variable);
        string[] created = engine.Container.SchemaService is null
            ? ["compose.yaml", ".env", ".env.example", ".gitignore"]
            : ["compose.yaml", "ops/schema/mongodb.js", ".env", ".env.example", ".gitignore"];
        result.Created.TakeLast(created.Length).ShouldBe(created);
        var compose = Read("compose.yaml");
        compose.ShouldStartWith("# The development stack of Acme.Orders: one service per server datastore");
        compose.ShouldEndWith("#   docker compose up -d\nservices:\n" + Block(engineId, "extra", variable, Ports(engineId)) + schemaService + "volumes:\n  extra-data:\n");
        if (engine.Container.SchemaService is { Script: var script })
        {
            Read(script).ShouldBe(File.ReadAllText(Path.Combine(DocsCatalogTests.RepoRoot(), "templates/content/strata-service", script)));
            compose.ShouldContain("      - ./db/extra/schema:/strata/schema:ro\n      - ./ops/schema/mongodb.js:/strata/mongodb.js:ro\n");
        }

        Read(".env").ShouldMatch($@"\n{variable}=[0-9a-f]{{32}}\n$");
        Read(".env.example").ShouldEndWith($"never commit real values.\n{variable}=\n");
        Read(".gitignore").ShouldBe("# Secrets of the compose file (dotnet new strata-datastore): never commit them.\n.env\n");
        var service = result.ComposeService.ShouldNotBeNull();
        (service.ComposeFile, service.Service, service.SecretVariable, service.SecretAdded).ShouldBe(("compose.yaml", "extra", variable, true));
        service.HostPorts.ShouldBe(Ports(engineId));
        PassesEveryCheck([new("main", "sqlite"), new("extra", engineId)]);
    }

    [Fact]
    public void A_second_and_third_postgres_get_the_next_free_ports_and_prefixed_secrets_and_the_users_stack_is_kept()
    {
        var fixture = File.ReadAllText(Path.Combine(ComposeFixtures, "postgres-redis-qdrant.yaml"));
        const string Env = "# mine\nPOSTGRES_PASSWORD=keep-me\nREDIS_PASSWORD=r\nQDRANT_API_KEY=q\n";
        var declared = Service(fixture, Env, ("main", "postgres"), ("cache", "redis"), ("vectors", "qdrant"));

        var orders = Add("orders", "postgres", declared);
        orders.Diagnostics.ShouldBeClean();
        orders.Updated.ShouldBe(["compose.yaml", ".env"]);
        orders.Created.ShouldBe(["docs/data/orders.md", "db/orders/migrations/0001_init.sql", ".env.example", ".gitignore"]);
        var archive = Add("order-archive", "postgres", [.. declared, new("orders", "postgres")]);
        archive.Diagnostics.ShouldBeClean();

        orders.ComposeService!.HostPorts.ShouldBe([5433]);
        archive.ComposeService!.HostPorts.ShouldBe([5434]);
        (orders.ComposeService.SecretVariable, archive.ComposeService.SecretVariable).ShouldBe(("ORDERS_POSTGRES_PASSWORD", "ORDER_ARCHIVE_POSTGRES_PASSWORD"));
        var blocks = "\n" + Block("postgres", "orders", "ORDERS_POSTGRES_PASSWORD", 5433) + "\n" + Block("postgres", "order-archive", "ORDER_ARCHIVE_POSTGRES_PASSWORD", 5434);
        Read("compose.yaml").ShouldBe(fixture
            .Replace("      retries: 10\n\nvolumes:\n", "      retries: 10\n" + blocks + "\nvolumes:\n", StringComparison.Ordinal)
            .Replace("  vectors-data:\n", "  vectors-data:\n  orders-data:\n  order-archive-data:\n", StringComparison.Ordinal));
        Read("compose.yaml").ShouldContain("      POSTGRES_DB: order_archive\n");
        Read(".env").ShouldMatch("^# mine\nPOSTGRES_PASSWORD=keep-me\nREDIS_PASSWORD=r\nQDRANT_API_KEY=q\nORDERS_POSTGRES_PASSWORD=[0-9a-f]{32}\nORDER_ARCHIVE_POSTGRES_PASSWORD=[0-9a-f]{32}\n$");
        Read(".env.example").ShouldEndWith("\nORDERS_POSTGRES_PASSWORD=\nORDER_ARCHIVE_POSTGRES_PASSWORD=\n");
        PassesEveryCheck([.. declared, new("orders", "postgres"), new("order-archive", "postgres")], servicesSorted: false);
    }

    [Fact]
    public void A_stack_with_anchors_and_merge_keys_gets_a_redis_cache()
    {
        var fixture = File.ReadAllText(Path.Combine(ComposeFixtures, "anchors-and-merge-keys.yaml"));
        var declared = Service(fixture, "MONGO_PASSWORD=m\nNEO4J_PASSWORD=n\nELASTIC_PASSWORD=e\nCHROMA_TOKEN=c\n",
            ("docs", "mongodb"), ("graph", "neo4j"), ("search", "elasticsearch"), ("embeddings", "chroma"));

        var result = Add("cache", "redis", declared);

        result.Diagnostics.ShouldBeClean();
        (result.ComposeService!.SecretVariable, result.ComposeService.HostPorts[0]).ShouldBe(("REDIS_PASSWORD", 6379));
        Read("compose.yaml").ShouldContain("\n\n" + Block("redis", "cache", "REDIS_PASSWORD", 6379) + "\nvolumes:\n");
        PassesEveryCheck([.. declared, new("cache", "redis")], servicesSorted: false);
    }

    [Fact]
    public void The_strata_service_stack_gets_a_cache_and_a_second_postgres()
    {
        var selection = new StackSelection { Names = new Dictionary<string, string> { ["postgres"] = "main" }, Database = "acme_orders_db" };
        var naming = StackNaming.For(selection, _ => "0123456789abcdef0123456789abcdef");
        var declared = Service(DevStackFiles.Compose(naming).Render(selection), DevStackFiles.EnvFile(naming, example: false).Render(selection), ("main", "postgres"));
        _project.Write(".env.example", DevStackFiles.EnvFile(naming, example: true).Render(selection)).Write(".gitignore", "bin/\nobj/\n.env\n");

        Add("cache", "redis", declared).Diagnostics.ShouldBeClean();
        var orders = Add("orders", "postgres", [.. declared, new("cache", "redis")]);

        orders.Diagnostics.ShouldBeClean();
        orders.Updated.ShouldBe(["compose.yaml", ".env", ".env.example"]);
        Read("compose.yaml").ShouldContain("\n  cache:\n    image: redis:7.4.1\n");
        Read("compose.yaml").ShouldContain("      - '127.0.0.1:5433:5432' # SQL\n");
        Read("compose.yaml").ShouldEndWith("  prometheus-data:\n  grafana-data:\n  cache-data:\n  orders-data:\n");
        Read(".gitignore").ShouldBe("bin/\nobj/\n.env\n");
        PassesEveryCheck([.. declared, new("cache", "redis"), new("orders", "postgres")], servicesSorted: false);
    }

    [Theory]
    [InlineData("\n", false)]
    [InlineData("\r\n", true)]
    public void Comments_indentation_blank_lines_line_endings_and_a_byte_order_mark_are_kept(string newLine, bool bom)
    {
        const string Original = """
            # Our stack, written by hand: keep this comment.
            x-restart: &restart
                restart: unless-stopped

            services:
                # The cache, first.
                cache:
                    image: redis:7.4.1
                    volumes:
                        - cache-data:/data
                    ports:
                        - '127.0.0.1:6379:6379'   # RESP
                    <<: *restart
                    healthcheck:
                        test: ["CMD-SHELL", "redis-cli ping | grep -qx PONG"]

                # A second cache, switched off for now:
                # cache2:
                #     image: redis:7.4.1

            # Named volumes; Compose creates them.
            volumes:
                cache-data: {}   # the append-only file
            # The end.

            """;
        var text = Original.Replace("\n", newLine, StringComparison.Ordinal);
        Service(null, null, ("cache", "redis"));
        _project.WriteBytes("compose.yaml", [.. bom ? "\uFEFF"u8.ToArray() : Array.Empty<byte>(), .. Encoding.UTF8.GetBytes(text)]);

        var result = Add("orders", "postgres", [new("cache", "redis")]);

        result.Diagnostics.ShouldBeClean();
        var block = Regex.Replace(Block("postgres", "orders", "POSTGRES_PASSWORD", 5432), "(?m)^( +)", m => m.Value + m.Value);
        var expected = Original
            .Replace("#     image: redis:7.4.1\n", "#     image: redis:7.4.1\n" + block, StringComparison.Ordinal)
            .Replace("the append-only file\n", "the append-only file\n    orders-data:\n", StringComparison.Ordinal)
            .Replace("\n", newLine, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(_project.FullPath("compose.yaml"));
        bytes.AsSpan().StartsWith("\uFEFF"u8).ShouldBe(bom);
        Encoding.UTF8.GetString(bytes.AsSpan(bom ? 3 : 0)).ShouldBe(expected);
        ComposeValidator.Validate(new ComposeValidationRequest(_project.Directory, "", [new("cache", "redis"), new("orders", "postgres")])).ShouldBeClean();
    }

    [Fact]
    public void Ports_already_published_in_any_syntax_are_skipped()
    {
        const string Compose = """
            services:
              vectors:
                image: qdrant/qdrant:v1.12.4
                ports:
                  - '127.0.0.1:6333:6333'
                  - '127.0.0.1:${QDRANT_GRPC_PORT:-6334}:6334'
              tools:
                image: example/tools:1.0.0
                ports:
                  - '127.0.0.1:6335-6336:9000-9001'
                  - target: 9002
                    published: "6337"
                    host_ip: 127.0.0.1

            """;
        Service(Compose, null, ("vectors", "qdrant"));

        var result = Add("embeddings", "qdrant", [new("vectors", "qdrant")]);

        result.Diagnostics.ShouldBeClean();
        result.ComposeService!.HostPorts.ShouldBe([6338, 6339]);
        result.ComposeService.SecretVariable.ShouldBe("QDRANT_API_KEY");
        Read("compose.yaml").ShouldEndWith("      - '127.0.0.1:6338:6333' # HTTP API\n      - '127.0.0.1:6339:6334' # gRPC\n" +
            Block("qdrant", "embeddings", "QDRANT_API_KEY", 6338, 6339).Split("# gRPC\n")[1] + "volumes:\n  embeddings-data:\n");
    }

    [Fact]
    public void A_secret_variable_in_env_is_never_overwritten_and_a_leftover_of_the_same_datastore_is_reused()
    {
        Service("services:\n", "REDIS_PASSWORD=mine\nCACHE_REDIS_PASSWORD=left-over\n", ("main", "sqlite"));

        var result = Add("cache", "redis");

        result.Diagnostics.ShouldBeClean();
        (result.ComposeService!.SecretVariable, result.ComposeService.SecretAdded).ShouldBe(("CACHE_REDIS_PASSWORD", false));
        Read(".env").ShouldBe("REDIS_PASSWORD=mine\nCACHE_REDIS_PASSWORD=left-over\n");
        result.Updated.ShouldBe(["compose.yaml"]);
        Read("compose.yaml").ShouldBe("services:\n" + Block("redis", "cache", "CACHE_REDIS_PASSWORD", 6379) + "volumes:\n  cache-data:\n");
    }

    [Fact]
    public void Chroma_has_no_secret_so_env_files_are_left_alone()
    {
        _project.Write("Acme.Orders.csproj", SqliteProject);
        var result = Add("embeddings", "chroma");
        result.Diagnostics.ShouldBeClean();
        result.ComposeService!.SecretVariable.ShouldBeNull();
        (Exists(".env"), Exists(".env.example"), Exists(".gitignore")).ShouldBe((false, false, false));
        PassesEveryCheck([new("main", "sqlite"), new("embeddings", "chroma")]);
    }

    [Fact]
    public void Sqlite_adds_no_service_and_touches_no_stack_file()
    {
        Service("services: {}\n", "X=1\n", ("main", "postgres"));
        var result = Add("local", "sqlite", [new("main", "postgres")]);
        result.Diagnostics.ShouldBeClean();
        result.ComposeService.ShouldBeNull();
        result.Created.ShouldBe(["docs/data/local.md", "db/local/migrations/0001_init.sql"]);
        (Read("compose.yaml"), Read(".env"), Exists(".env.example")).ShouldBe(("services: {}\n", "X=1\n", false));
    }

    [Theory]
    [InlineData("bin/\nobj/", "bin/\nobj/\n# Secrets of the compose file (dotnet new strata-datastore): never commit them.\n.env\n")]
    [InlineData("bin/\r\n", "bin/\r\n# Secrets of the compose file (dotnet new strata-datastore): never commit them.\r\n.env\r\n")]
    [InlineData("/.env\n", "/.env\n")]
    [InlineData("*.env\n", "*.env\n")]
    public void Env_is_added_to_the_gitignore_unless_it_is_ignored_already(string before, string after)
    {
        _project.Write("Acme.Orders.csproj", SqliteProject).Write(".gitignore", before);
        Add("cache", "redis").Diagnostics.ShouldBeClean();
        Read(".gitignore").ShouldBe(after);
    }

    [Fact]
    public void A_gitignore_at_the_repository_root_that_ignores_env_everywhere_is_enough()
    {
        Directory.CreateDirectory(_project.FullPath(".git"));
        _project.Write(".gitignore", "**/.env\n").Write("svc/Acme.Orders.csproj", SqliteProject);
        var result = DatastoreAdder.Add(new AddDatastoreRequest(_project.FullPath("svc/Acme.Orders.csproj"), "cache", "redis", "team"));
        result.Diagnostics.ShouldBeClean();
        (Exists("svc/.env"), Exists("svc/.gitignore")).ShouldBe((true, false));
    }

    [Fact]
    public void StrataComposeFile_names_the_file_and_env_goes_next_to_it()
    {
        _project.Write("Acme.Orders.csproj", SqliteProject).Write("compose.yaml", "services: {}\n");
        var result = Add("cache", "redis", composeFile: "deploy/dev.compose.yaml");
        result.Diagnostics.ShouldBeClean();
        result.Created.TakeLast(4).ShouldBe(["deploy/dev.compose.yaml", "deploy/.env", "deploy/.env.example", "deploy/.gitignore"]);
        Read("compose.yaml").ShouldBe("services: {}\n");
        ComposeValidator.Validate(new ComposeValidationRequest(_project.Directory, "deploy/dev.compose.yaml", [new("main", "sqlite"), new("cache", "redis")])).ShouldBeClean();
    }

    [Fact]
    public void A_compose_file_in_another_folder_mounts_the_schema_folder_and_applier_relative_to_itself()
    {
        _project.Write("Acme.Orders.csproj", SqliteProject).Write("ops/schema/mongodb.js", "// the user's own\n");
        var result = Add("docs", "mongodb", composeFile: "deploy/dev.compose.yaml");
        result.Diagnostics.ShouldBeClean();
        result.Created.ShouldNotContain("ops/schema/mongodb.js");
        Read("ops/schema/mongodb.js").ShouldBe("// the user's own\n");
        Read("deploy/dev.compose.yaml").ShouldContain("      - ./../db/docs/schema:/strata/schema:ro\n      - ./../ops/schema/mongodb.js:/strata/mongodb.js:ro\n");
        ComposeValidator.Validate(new ComposeValidationRequest(_project.Directory, "deploy/dev.compose.yaml", [new("main", "sqlite"), new("docs", "mongodb")])).ShouldBeClean();
    }

    [Fact]
    public void An_existing_docker_compose_yml_is_the_file_that_gets_the_service()
    {
        Service(null, null, ("main", "sqlite"));
        _project.Write("docker-compose.yml", "# mine\nservices:\nvolumes:\n");
        Add("cache", "redis").Diagnostics.ShouldBeClean();
        Exists("compose.yaml").ShouldBeFalse();
        Read("docker-compose.yml").ShouldBe("# mine\nservices:\n" + Block("redis", "cache", "REDIS_PASSWORD", 6379) + "volumes:\n  cache-data:\n");
    }

    [Fact]
    public void A_compose_file_with_only_comments_gets_both_mappings()
    {
        Service("# to do: a stack\n---\n", null, ("main", "sqlite"));
        Add("cache", "redis").Diagnostics.ShouldBeClean();
        Read("compose.yaml").ShouldBe("# to do: a stack\n---\nservices:\n" + Block("redis", "cache", "REDIS_PASSWORD", 6379) + "volumes:\n  cache-data:\n");
    }

    public static TheoryData<string, int, int, string> Clashes() => new()
    {
        { "services:\n  cache:\n    image: redis:7.4.1\n", 2, 3, "a service named 'cache' (line 2)" },
        { "services:\n  redis:\n    image: redis:7.4.1\n    labels:\n      strata.datastore: cache\n", 5, 25, "a service labelled for it ('redis', strata.datastore: cache) (line 5)" },
        { "services:\n  old:\n    image: redis:7.4.1\n    labels: [\"strata.datastore=cache\"]\nvolumes:\n  cache-data:\n", 4, 14, "a service labelled for it" },
        { "services: {}\nvolumes:\n  cache-data:\n", 3, 3, "a volume named 'cache-data' (line 3)" },
    };

    [Theory]
    [MemberData(nameof(Clashes))]
    public void A_service_or_volume_that_is_already_there_is_STRATA3105_and_nothing_is_written(string compose, int line, int column, string what)
    {
        Service(compose, "KEEP=1\n", ("main", "sqlite"));
        var result = Add("cache", "redis");
        var error = result.Diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Location.File, error.Location.Line, error.Location.Column).ShouldBe(("STRATA3105", "compose.yaml", line, column), error.ToString());
        error.Message.ShouldContain(what);
        NothingWasWritten(compose, "KEEP=1\n");
    }

    public static TheoryData<string, string> BadComposeFiles() => new()
    {
        { "services:\n  a: [\n", "STRATA3002" },
        { "services:\n  a:\n    image: redis:7.4.1\n  a:\n    image: redis:7.4.1\n", "STRATA3004" },
        { "- a\n- b\n", "STRATA3005" },
        { "services: [a]\n", "STRATA3005" },
        { "services:\n  a: 1\n", "STRATA3005" },
        { "services:\n  a:\n    image: redis:7.4.1\nvolumes: [a]\n", "STRATA3005" },
        { "services: {a: {image: 'redis:7.4.1'}}\n", "STRATA3106" },
        { "services:\n  a:\n    image: redis:7.4.1\nvolumes: {}\n", "STRATA3106" },
        { "x-s: &s\n  a:\n    image: redis:7.4.1\nservices: *s\n", "STRATA3106" },
    };

    [Theory]
    [MemberData(nameof(BadComposeFiles))]
    public void A_compose_file_that_cannot_be_read_or_edited_is_a_coded_error_and_nothing_is_written(string compose, string code)
    {
        Service(compose, "KEEP=1\n", ("main", "sqlite"));
        var result = Add("cache", "redis");
        var error = result.Diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Location.File).ShouldBe((code, "compose.yaml"), error.ToString());
        NothingWasWritten(compose, "KEEP=1\n");
    }

    [Fact]
    public void A_compose_file_that_is_not_utf8_is_STRATA3001_at_the_bad_byte()
    {
        Service(null, null, ("main", "sqlite"));
        _project.WriteBytes("compose.yaml", [.. "services:\n  caf"u8, 0xE9, .. ":\n"u8]);
        var error = Add("cache", "redis").Diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Location.Line).ShouldBe(("STRATA3001", 2));
        Exists("docs/data/cache.md").ShouldBeFalse();
    }

    [Fact]
    public void An_env_file_that_is_not_utf8_is_STRATA3107_and_nothing_is_written()
    {
        Service("services:\n", null, ("main", "sqlite"));
        _project.WriteBytes(".env", [.. "A="u8, 0xFF, .. "\n"u8]);
        var error = Add("cache", "redis").Diagnostics.ShouldHaveSingleItem();
        (error.Id, error.Location.File).ShouldBe(("STRATA3107", ".env"));
        (Read("compose.yaml"), Exists("docs/data/cache.md")).ShouldBe(("services:\n", false));
    }

    [Fact]
    public void A_second_add_of_the_same_datastore_is_STRATA3101_and_leaves_the_stack_as_it_was()
    {
        _project.Write("Acme.Orders.csproj", SqliteProject);
        Add("cache", "redis").Diagnostics.ShouldBeClean();
        var files = new[] { "compose.yaml", ".env", ".env.example", ".gitignore", "Acme.Orders.csproj" }.ToDictionary(f => f, Read);
        Add("cache", "redis", [new("main", "sqlite"), new("cache", "redis")]).Diagnostics.ShouldHaveSingleItem().Id.ShouldBe("STRATA3101");
        files.ShouldAllBe(f => Read(f.Key) == f.Value);
    }

    [Fact]
    public void A_rolled_back_transaction_deletes_what_it_created_and_restores_what_it_replaced()
    {
        _project.Write("keep.txt", "before");
        var original = File.ReadAllBytes(_project.FullPath("keep.txt"));
        var transaction = new FileTransaction();
        transaction.CreateNew(_project.FullPath("new/dir/a.txt"), "a"u8.ToArray()).ShouldBeTrue();
        transaction.CreateNew(_project.FullPath("keep.txt"), "x"u8.ToArray()).ShouldBeFalse();
        transaction.Replace(_project.FullPath("keep.txt"), "after", original);
        transaction.Replace(_project.FullPath("created.txt"), "c", null);
        Should.Throw<IOException>(() => transaction.Replace(_project.FullPath("keep.txt"), "again", original));
        Read("keep.txt").ShouldBe("after");

        transaction.Rollback();

        Read("keep.txt").ShouldBe("before");
        (Exists("created.txt"), Directory.Exists(_project.FullPath("new"))).ShouldBe((false, false));
    }

    private void NothingWasWritten(string compose, string env)
    {
        (Read("compose.yaml"), Read(".env")).ShouldBe((compose, env));
        (Exists(".env.example"), Exists(".gitignore"), Exists("docs/data/cache.md")).ShouldBe((false, false, false));
        Read("Acme.Orders.csproj").ShouldNotContain("cache");
    }

    /// <summary>
    /// Our compose check, and when installed (required under CI=true) Debian's docker-compose config and dclint. dclint's
    /// services-alphabetical-order is off where the add appended a service after others that sort later: a new service
    /// goes at the end of the user's services, never between them.
    /// </summary>
    private void PassesEveryCheck(DeclaredDatastore[] datastores, bool servicesSorted = true)
    {
        ComposeValidator.Validate(new ComposeValidationRequest(_project.Directory, "", datastores)).ShouldBeClean();
        var path = _project.FullPath("compose.yaml");
        if (ExternalTools.Tool("docker-compose") is { } dockerCompose)
        {
            var (code, output) = ExternalTools.Run(dockerCompose,
                ["-f", path, "--project-directory", _project.Directory, "--profile", "tools", "--profile", "monitoring", "config", "-q"], new Dictionary<string, string>());
            code.ShouldBe(0, output);
        }

        var local = Path.Combine(DocsCatalogTests.RepoRoot(), ".tools", "npm", "node_modules", ".bin", "dclint");
        if (ExternalTools.Tool(File.Exists(local) ? local : "dclint") is { } dclint)
        {
            string[] rules = servicesSorted ? ["require-project-name-field"] : ["require-project-name-field", "services-alphabetical-order"];
            var (code, output) = ExternalTools.Run(dclint,
                [path, "--max-warnings", "0", "--color", "false", .. rules.SelectMany(r => new[] { "--disable-rule", r })], new Dictionary<string, string>());
            code.ShouldBe(0, output);
        }
    }
}
