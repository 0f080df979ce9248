using System.Text;
using Strata.Core.Catalog;
using Strata.Core.Diagnostics;
using Strata.Core.Docs;
using Strata.Core.Templating;
using Strata.Core.Text;

namespace Strata.Core.Datastores;

/// <summary>What to add: one datastore to the project in <see cref="ProjectFile"/>.</summary>
public sealed record AddDatastoreRequest(string ProjectFile, string Name, string Engine, string Owner)
{
    /// <summary>Datastores the project already declares (its evaluated Datastore items, imports included).</summary>
    public IReadOnlyList<DatastoreDeclarations.Item> Existing { get; init; } = [];

    /// <summary>Docs folder relative to the project (StrataDocsDirectory).</summary>
    public string DocsDirectory { get; init; } = DocValidationRequest.DefaultDocsDirectory;

    /// <summary>
    /// The compose file, relative to the project (StrataComposeFile). Empty: the first of compose.yaml, compose.yml,
    /// docker-compose.yaml, docker-compose.yml that exists, else a new compose.yaml.
    /// </summary>
    public string ComposeFile { get; init; } = "";
}

/// <summary>What was done: files created (project-relative), whether the project file changed, and diagnostics.</summary>
public sealed record AddDatastoreResult(IReadOnlyList<string> Created, bool ProjectFileUpdated, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => !Diagnostics.Any(d => d.IsError);

    /// <summary>Existing files that were changed: the compose file, .env, .env.example, .gitignore (as diagnostics show them).</summary>
    public IReadOnlyList<string> Updated { get; init; } = [];

    /// <summary>The compose service a server datastore got; null for an embedded engine or when nothing was written.</summary>
    public AddedComposeService? ComposeService { get; init; }
}

/// <summary>
/// Adds one datastore to an existing service: the Datastore item in the project file, docs/data/&lt;name&gt;.md rendered
/// from the engine catalog, the schema folder (db/&lt;name&gt;/migrations/0001_init.sql for SQL engines,
/// db/&lt;name&gt;/schema/&lt;InitialSchemaFile&gt; for schema-file engines, nothing for engines without a schema) and, for a server
/// engine, its compose service, volume and secret (<see cref="DevStackEditor"/>). Everything is planned and checked
/// before anything is written, and a failed write undoes the others; an existing file is never overwritten
/// (STRATA3102); a datastore that is already declared is STRATA3101 and changes nothing.
/// </summary>
public static class DatastoreAdder
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static AddDatastoreResult Add(AddDatastoreRequest request, ITextTemplateRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        renderer ??= HandlebarsTextRenderer.Instance;
        var diagnostics = new List<Diagnostic>();
        var projectFile = Path.GetFullPath(request.ProjectFile);
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        var name = request.Name?.Trim() ?? string.Empty;
        var engineId = request.Engine?.Trim() ?? string.Empty;
        var projectLocation = new SourceLocation(projectFile);

        if (name.Length == 0 || engineId.Length == 0)
        {
            var missing = name.Length == 0 && engineId.Length == 0 ? "a datastore name and an engine" : name.Length == 0 ? "a datastore name" : "an engine";
            return Failed(DiagnosticCatalog.AddDatastoreParameterMissing.Create(projectLocation, missing, EngineCatalog.KnownIds));
        }

        if (DatastoreName.Problem(name) is { } problem)
        {
            return Failed(DiagnosticCatalog.UnsafeDatastoreName.Create(projectLocation, name, problem));
        }

        if (EngineCatalog.Find(engineId) is not { } engine)
        {
            return Failed(DiagnosticCatalog.UnknownEngine.Create(projectLocation, name, engineId, EngineCatalog.KnownIds));
        }

        if (request.Existing.FirstOrDefault(i => string.Equals(i.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } existing)
        {
            return Failed(DiagnosticCatalog.DatastoreAlreadyExists.Create(
                ProjectFileLocator.Find(projectFile, "Datastore", existing.Name), existing.Name, existing.Engine ?? string.Empty));
        }

        // Plan: the new project text and the files, before anything is written.
        byte[] projectBytes;
        try
        {
            projectBytes = File.ReadAllBytes(projectFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(DiagnosticCatalog.AddDatastoreProjectNotUpdated.Create(projectLocation, Path.GetFileName(projectFile), ex.Message.TrimEnd('.'), name, engine.Id));
        }

        var bom = projectBytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var projectText = Utf8NoBom.GetString(projectBytes, bom ? 3 : 0, projectBytes.Length - (bom ? 3 : 0));
        var newProjectText = ProjectFileEditor.AddDatastoreItem(projectText, name, engine.Id, out var editProblem);
        if (newProjectText is null)
        {
            return Failed(DiagnosticCatalog.AddDatastoreProjectNotUpdated.Create(projectLocation, Path.GetFileName(projectFile), editProblem, name, engine.Id));
        }

        var serviceName = Path.GetFileNameWithoutExtension(projectFile);
        var owner = request.Owner?.Trim() is { Length: > 0 } given ? given : "platform-team";
        var files = new List<(string Relative, string Content)>();
        foreach (var file in PlanFiles(name, engine, owner, serviceName, request.DocsDirectory, renderer))
        {
            // A SQL datastore whose migrations folder already has files keeps them: no first migration is added.
            var folder = engine.SchemaFolder(name);
            if (engine.SchemaStyle == SchemaStyle.SqlMigrations && file.Relative.StartsWith(folder + "/", StringComparison.Ordinal)
                && HasFiles(Path.Combine(projectDirectory, folder)))
            {
                diagnostics.Add(DiagnosticCatalog.AddDatastoreFileKept.Create(new SourceLocation(folder), folder, name, engine.DisplayName));
                continue;
            }

            files.Add(file);
        }

        // A server engine's compose service, volume and secret: planned (and checked) here too.
        DevStackPlan? stack = null;
        if (engine.Container is not null)
        {
            stack = DevStackEditor.Plan(projectDirectory, request.ComposeFile, name, engine, serviceName, diagnostics);
            if (stack is null)
            {
                return new([], false, diagnostics);
            }
        }

        foreach (var (relative, _) in files)
        {
            if (!ProjectPaths.IsInside(projectDirectory, Path.GetFullPath(Path.Combine(projectDirectory, relative))))
            {
                return Failed(DiagnosticCatalog.AddDatastoreProjectNotUpdated.Create(projectLocation, Path.GetFileName(projectFile), $"'{relative}' would leave the project directory", name, engine.Id));
            }
        }

        // Write: new files first (never replacing one, even one created a moment ago), then the stack files, the
        // project file last. A failure undoes every write before it.
        var created = new List<string>();
        var transaction = new FileTransaction();
        var step = (Relative: string.Empty, Stack: false);
        try
        {
            foreach (var (relative, content) in files)
            {
                step = (relative, false);
                if (transaction.CreateNew(Path.GetFullPath(Path.Combine(projectDirectory, relative)), Utf8NoBom.GetBytes(content.Replace("\r\n", "\n", StringComparison.Ordinal))))
                {
                    created.Add(relative);
                }
                else
                {
                    diagnostics.Add(DiagnosticCatalog.AddDatastoreFileKept.Create(new SourceLocation(relative), relative, name, engine.DisplayName));
                }
            }

            foreach (var file in stack?.Files ?? [])
            {
                step = (file.Display, true);
                transaction.Replace(file.FullPath, file.Text, file.Original);
            }

            step = (string.Empty, false);
            transaction.Replace(projectFile, bom ? "\uFEFF" + newProjectText : newProjectText, projectBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            transaction.Rollback();
            var reason = ex.Message.TrimEnd('.');
            return Failed(step switch
            {
                { Relative: "" } => DiagnosticCatalog.AddDatastoreProjectNotUpdated.Create(projectLocation, Path.GetFileName(projectFile), reason, name, engine.Id),
                { Stack: true } => DiagnosticCatalog.AddDatastoreStackFileNotUpdated.Create(new SourceLocation(step.Relative), step.Relative, name, reason),
                _ => DiagnosticCatalog.OutputWriteFailed.Create(new SourceLocation(step.Relative), step.Relative, reason),
            });
        }

        var updated = stack?.Files.Where(f => f.Original is not null).Select(f => f.Display).ToList() ?? [];
        created.AddRange(stack?.Files.Where(f => f.Original is null).Select(f => f.Display) ?? []);
        return new AddDatastoreResult(created, true, diagnostics) { Updated = updated, ComposeService = stack?.Service };

        AddDatastoreResult Failed(Diagnostic diagnostic) => new([], false, [.. diagnostics, diagnostic]);
    }

    /// <summary>
    /// The files a new datastore gets, project-relative with '/' separators: its doc, and its first migration (SQL
    /// engines) or its schema folder's README (schema-file engines). The service template's docs and schema folders
    /// are exactly these files (a test keeps them in step), so the template and the item template agree.
    /// </summary>
    public static IReadOnlyList<(string Relative, string Content)> PlanFiles(
        string name, EngineDescriptor engine, string owner, string serviceName, string docsDirectory = "docs/data", ITextTemplateRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        renderer ??= HandlebarsTextRenderer.Instance;
        var files = new List<(string Relative, string Content)>
        {
            ($"{docsDirectory.TrimEnd('/', '\\')}/{name}.md", DatastoreDocWriter.Render(name, engine, owner, serviceName, renderer: renderer)),
        };
        var model = new { name, displayName = engine.DisplayName, schemaHint = engine.SchemaHint.Replace("{name}", name, StringComparison.Ordinal), sql = Sql(engine, name) };
        if (engine.SchemaStyle == SchemaStyle.SqlMigrations)
        {
            files.Add(($"{engine.SchemaFolder(name)}/0001_init.sql", renderer.Render(EmbeddedTemplates.Read("Datastores/Templates/initial-migration.hbs"), model)));
        }
        else if (engine.InitialSchemaFile is not null)
        {
            // Schema-file engines, and Redis, whose conventions file is checked but has nothing to apply.
            files.Add(($"{engine.SchemaFolder(name)}/{engine.InitialSchemaFile}", renderer.Render(EmbeddedTemplates.Read($"Datastores/Templates/initial-schema/{engine.Id}.hbs"), model)));
        }

        return files;
    }

    private static string Sql(EngineDescriptor engine, string name) =>
        (engine.InitialMigration ?? string.Empty)
            .Replace("{table}", name.Replace('-', '_'), StringComparison.Ordinal)
            .Replace("{name}", name, StringComparison.Ordinal)
            .Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();

    private static bool HasFiles(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any();
}
