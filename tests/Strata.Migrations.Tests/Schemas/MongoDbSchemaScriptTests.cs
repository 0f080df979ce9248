using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Strata.Migrations.Script;
using Strata.Tests.Shared;

namespace Strata.Migrations.Tests.Schemas;

/// <summary>
/// The template's mongosh applier (templates/content/strata-service/ops/schema/mongodb.js), run by node against a
/// recording fake of mongosh's <c>db</c> with state kept between runs: create, change, re-run, an edited file, a failure.
/// </summary>
public sealed class MongoDbSchemaScriptTests : IDisposable
{
    private const string First = """
        {
          // events, as the spec's example
          "collections": [
            {
              "name": "events",
              "validator": { "$jsonSchema": { "bsonType": "object", "required": ["key"] } },
              "validationLevel": "strict",
              "validationAction": "error",
              "indexes": [
                { "name": "ux_events_key", "keys": { "key": 1 }, "unique": true },
                { "name": "ttl_events_created_at", "keys": { "createdAt": 1 }, "expireAfterSeconds": 2592000 }
              ]
            }
          ]
        }
        """;

    private const string Second = """
        { "collections": [ { "name": "events", "validationAction": "warn", /* a shorter retention */
            "indexes": [ { "name": "ttl_events_created_at", "keys": { "createdAt": 1 }, "expireAfterSeconds": 604800 },
                         { "name": "ix_events_kind", "keys": { "kind": 1 } } ],
            "dropIndexes": ["ux_events_key"] } ],
          "dropCollections": ["legacy"] }
        """;

    /// <summary>Stands in for mongosh: the globals the script uses, a db whose changes are recorded, quit() as an exit code.</summary>
    private const string Runner = """
        const fs = require('fs');
        const vm = require('vm');
        const [script, statePath] = process.argv.slice(2);
        const state = JSON.parse(fs.readFileSync(statePath, 'utf8'));
        const calls = [];
        class Quit { constructor(code) { this.code = code; } }
        const masked = (doc) => Object.assign({}, doc, { applied_at: '*', duration_ms: '*' });
        function collection(name) {
          return {
            find() { calls.push(['find', name]); return { toArray: () => (name === 'strata_schema_history' ? state.history : []).map((h) => Object.assign({}, h)) }; },
            insertOne(doc) {
              calls.push(['insertOne', name, masked(doc)]);
              if (Object.prototype.toString.call(doc.applied_at) !== '[object Date]' || typeof doc.duration_ms !== 'number') throw new Error('history fields have the wrong types');
              state.history.push(Object.assign({}, doc, { applied_at: doc.applied_at.toISOString() }));
              return { acknowledged: true };
            },
            getIndexes() { calls.push(['getIndexes', name]); return state.collections[name].indexes.map((i) => Object.assign({}, i)); },
            createIndex(keys, options) {
              calls.push(['createIndex', name, keys, options]);
              if (options.name === 'boom') { const e = new Error('An equivalent index already exists with a different name'); e.codeName = 'IndexOptionsConflict'; throw e; }
              state.collections[name] ??= { options: {}, indexes: [{ v: 2, key: { _id: 1 }, name: '_id_' }] };
              state.collections[name].indexes.push(Object.assign({ v: 2, key: keys }, options));
              return options.name;
            },
            dropIndex(index) { calls.push(['dropIndex', name, index]); state.collections[name].indexes = state.collections[name].indexes.filter((i) => i.name !== index); return { ok: 1 }; },
            drop() { calls.push(['drop', name]); delete state.collections[name]; return true; },
          };
        }
        const db = {
          getCollectionNames() { calls.push(['getCollectionNames']); return Object.keys(state.collections); },
          createCollection(name, options) { calls.push(['createCollection', name, options]); state.collections[name] = { options, indexes: [{ v: 2, key: { _id: 1 }, name: '_id_' }] }; return { ok: 1 }; },
          runCommand(command) {
            calls.push(['runCommand', command]);
            const c = state.collections[command.collMod];
            if (command.index) c.indexes.find((i) => i.name === command.index.name).expireAfterSeconds = command.index.expireAfterSeconds;
            else Object.assign(c.options, command, { collMod: undefined });
            return { ok: 1 };
          },
          getCollection: collection,
        };
        let code = 0;
        const context = vm.createContext({ db, require, process, console, print: (...a) => console.log(...a), quit: (c) => { throw new Quit(c === undefined ? 0 : c); } });
        try { vm.runInContext(fs.readFileSync(script, 'utf8'), context, { filename: script }); }
        catch (e) { if (e instanceof Quit) code = e.code; else { console.error(e && e.stack); code = 99; } }
        fs.writeFileSync(statePath, JSON.stringify(state));
        fs.writeFileSync(statePath + '.calls.json', JSON.stringify(calls));
        process.exit(code);
        """;

    private static readonly string[] Reads = ["find", "getIndexes", "getCollectionNames"];

    private readonly string root = Directory.CreateTempSubdirectory("strata-mongosh-").FullName;
    private readonly string schema;
    private readonly string state;
    private readonly string runner;

    public MongoDbSchemaScriptTests()
    {
        schema = Directory.CreateDirectory(Path.Combine(root, "schema")).FullName;
        state = Path.Combine(root, "state.json");
        runner = Path.Combine(root, "runner.js");
        File.WriteAllText(runner, Runner);
        File.WriteAllText(state, """{ "collections": { "legacy": { "options": {}, "indexes": [] } }, "history": [] }""");
        File.WriteAllText(Path.Combine(schema, "README.md"), "not a schema file");
    }

    private static string Script
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir!.FullName, "templates", "content", "strata-service", "ops", "schema", "mongodb.js");
        }
    }

    [Fact]
    public void Create_change_rerun_edited_and_failing_files()
    {
        var node = RequiredTool.Find("node");
        if (node is null)
        {
            return; // no node here and not CI: RequiredTool fails under CI=true
        }

        // The first file with a BOM and CRLF line ends: the checksum is the runtime's, which ignores both.
        var firstSource = "\uFEFF" + First.ReplaceLineEndings("\r\n") + "\r\n";
        File.WriteAllText(Path.Combine(schema, "0001_events.json"), firstSource, new UTF8Encoding(false));
        var firstChecksum = MigrationChecksum.ComputeFromSource(firstSource);

        var create = Run(node);
        create.Code.ShouldBe(0, create.Error);
        create.Changes.ShouldBe(
        [
            """["createCollection","events",{"validator":{"$jsonSchema":{"bsonType":"object","required":["key"]}},"validationLevel":"strict","validationAction":"error"}]""",
            """["createIndex","events",{"key":1},{"name":"ux_events_key","unique":true}]""",
            """["createIndex","events",{"createdAt":1},{"name":"ttl_events_created_at","expireAfterSeconds":2592000}]""",
            $$$"""["insertOne","strata_schema_history",{"_id":"1","version":"1","description":"events","checksum":"{{{firstChecksum}}}","applied_at":"*","duration_ms":"*"}]""",
        ]);
        create.Output.ShouldContain("Datastore 'events' (mongodb): applied 1 schema file (0 already applied); up to date.");

        File.WriteAllText(Path.Combine(schema, "0002_retention.json"), Second);
        var change = Run(node);
        change.Code.ShouldBe(0, change.Error);
        change.Changes.ShouldBe(
        [
            """["runCommand",{"collMod":"events","validationAction":"warn"}]""",
            """["runCommand",{"collMod":"events","index":{"name":"ttl_events_created_at","expireAfterSeconds":604800}}]""",
            """["createIndex","events",{"kind":1},{"name":"ix_events_kind"}]""",
            """["dropIndex","events","ux_events_key"]""",
            """["drop","legacy"]""",
            $$$"""["insertOne","strata_schema_history",{"_id":"2","version":"2","description":"retention","checksum":"{{{MigrationChecksum.ComputeFromSource(Second)}}}","applied_at":"*","duration_ms":"*"}]""",
        ]);

        var rerun = Run(node);
        rerun.Code.ShouldBe(0, rerun.Error);
        rerun.Changes.ShouldBeEmpty();
        rerun.Output.ShouldContain("applied 0 schema files (2 already applied)");

        File.WriteAllText(Path.Combine(schema, "0003_kind.json"), """{ "collections": [ { "name": "events", "indexes": [ { "name": "ix_kind_2", "keys": { "kind": -1 } } ] } ] }""");
        File.WriteAllText(Path.Combine(schema, "0001_events.json"), First.Replace("2592000", "86400", StringComparison.Ordinal));
        var edited = Run(node);
        edited.Code.ShouldBe(1);
        edited.Error.ShouldContain("db/events/schema/0001_events.json: error STRATA5101: Schema file 0001 'events' was applied with checksum " + firstChecksum);
        edited.Changes.ShouldBeEmpty();

        File.WriteAllText(Path.Combine(schema, "0001_events.json"), firstSource, new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(schema, "0003_kind.json"), """{ "collections": [ { "name": "events", "indexes": [ { "name": "boom", "keys": { "kind": 1 } } ] } ] }""");
        var failed = Run(node);
        failed.Code.ShouldBe(1);
        failed.Error.ShouldContain("db/events/schema/0003_kind.json: error STRATA5102: Schema file 0003 'kind' failed: IndexOptionsConflict: An equivalent index already exists with a different name.");
        failed.Changes.ShouldBe(["""["createIndex","events",{"kind":1},{"name":"boom"}]"""]);
    }

    private (int Code, string Output, string Error, List<string> Changes) Run(string node)
    {
        var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(runner);
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(state);
        start.Environment["STRATA_SCHEMA_DIR"] = schema;
        start.Environment["STRATA_DATASTORE"] = "events";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit(30_000).ShouldBeTrue("node did not finish");
        var calls = JsonNode.Parse(File.ReadAllText(state + ".calls.json"))!.AsArray();
        var changes = calls.Where(c => !Reads.Contains(c![0]!.GetValue<string>())).Select(c => c!.ToJsonString()).ToList();
        return (process.ExitCode, output.Result, error, changes);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
