using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Diagnostics;
using Strata.Core.Docs;
using Strata.Core.Schemas.Engines;
using Strata.Core.Schemas.Vectors;
using Strata.Migrations.Schemas;

namespace Strata.Core.Schemas;

/// <summary>What <see cref="SchemaBuild.Run"/> checks: the project's datastores and where their docs and compose file are.</summary>
public sealed record SchemaBuildRequest(string ProjectDirectory, IReadOnlyList<DatastoreDeclaration> Datastores)
{
    /// <summary>Folder of the datastore docs (StrataDocsDirectory), for the retention comparisons.</summary>
    public string DocsDirectory { get; init; } = DocValidationRequest.DefaultDocsDirectory;

    /// <summary>The compose file (StrataComposeFile); empty: Compose's default names. None found: no Redis policy check.</summary>
    public string ComposeFile { get; init; } = "";
}

/// <summary>One bundle per schema-file datastore (empty when it has no files yet) and every diagnostic, files relative to the project.</summary>
public sealed record SchemaBuildResult(IReadOnlyList<SchemaBundle> Bundles, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// The build step for schema files (docs/schema-files.md): reads db/&lt;datastore&gt;/schema of every datastore whose
/// engine keeps its schema as files (<see cref="KeepsSchemaFiles"/>), checks each file with its engine's rules in version order, then checks that the
/// embeddings of the whole service agree (the pgvector columns of the PostgreSQL datastores included). Never throws
/// for bad input: every problem is a coded diagnostic (STRATA4xxx) with file, line and column.
/// </summary>
public static class SchemaBuild
{
    /// <summary>
    /// True for the engines whose db/&lt;datastore&gt;/schema this step checks and bundles: those that keep their schema as
    /// files, and Redis, whose files hold the eviction policy and key conventions the service relies on (the catalog
    /// still says it has no schema to apply: nothing is applied to Redis).
    /// </summary>
    public static bool KeepsSchemaFiles(EngineDescriptor engine) => SchemaRules.For(engine) is not null;

    public static SchemaBuildResult Run(SchemaBuildRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var project = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.ProjectDirectory));
        var datastores = request.Datastores.DistinctBy(d => d.Name, StringComparer.Ordinal).ToList();
        var bundles = new List<SchemaBundle>();
        var diagnostics = new List<Diagnostic>();
        if (!datastores.Any(d => KeepsSchemaFiles(d.Engine)))
        {
            return new SchemaBuildResult(bundles, diagnostics);
        }

        var declared = datastores.Select(d => new DeclaredDatastore(d.Name, d.Engine.Id)).ToList();
        var vectors = new VectorInventory();
        foreach (var datastore in datastores)
        {
            if (datastore.Engine == EngineCatalog.Postgres)
            {
                PgVectorScanner.Scan(project, datastore.Name, datastore.Engine.SchemaFolder(datastore.Name), vectors);
                continue;
            }

            if (SchemaRules.For(datastore.Engine) is not { } rules)
            {
                continue;
            }

            var name = datastore.Name;
            var run = new DatastoreSchemaRun(name, datastore.Engine, () => DatastoreRetention.Read(project, request.DocsDirectory, name), vectors)
            {
                ComposePolicy = () => RedisComposePolicy.Read(project, request.ComposeFile, name, declared),
            };
            var files = SchemaFolderLoader.Load(project, datastore.Engine.SchemaFolder(name), rules.Extension, run.Diagnostics);
            foreach (var file in files)
            {
                rules.Check(file, run);
            }

            rules.Finish(run);
            diagnostics.AddRange(run.Diagnostics);
            bundles.Add(new SchemaBundle(name, datastore.Engine.Id,
                [.. files.Select(f => new SchemaBundleFile(f.Version, f.Description, f.RelativePath, f.Checksum, f.Body))]));
        }

        EmbeddingAgreement.Check(vectors.All, diagnostics);
        return new SchemaBuildResult(bundles, diagnostics);
    }
}
