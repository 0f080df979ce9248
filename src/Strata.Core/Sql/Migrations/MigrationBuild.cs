using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Diagnostics;
using Strata.Migrations.Sql;
using Strata.Core.Sql.Lint;
using Strata.Core.Templating;
using Strata.Core.Text;
using Strata.Migrations.Script;

namespace Strata.Core.Sql.Migrations;

/// <summary>The build step for SQL datastores: read and check every migration against the lock, then render one script each.</summary>
public static class MigrationBuild
{
    public sealed record Result(IReadOnlyList<GeneratedScript> Scripts, IReadOnlyList<Diagnostic> Diagnostics)
    {
        public bool HasErrors => Diagnostics.Any(d => d.IsError);
    }

    /// <summary>
    /// Starts compiling the script layouts that <see cref="Run"/> will render, before anything else is known or checked:
    /// the user's template (<paramref name="scriptTemplate"/>) or the built-in one of each SQL engine named in
    /// <paramref name="engines"/> (raw item metadata; unknown or non-SQL names are skipped, Run reports them). In a fresh
    /// build process the first compile is the longest single step, and it then runs beside reading and linting. Also sets
    /// up SHA-256 on another thread.
    /// </summary>
    public static void Prepare(string projectDirectory, string? scriptTemplate, IEnumerable<string?> engines, ITextTemplateRenderer renderer)
    {
        // Every migration gets a SHA-256 checksum; the first one in a process loads and initializes OpenSSL (about 4 ms),
        // which then happens here, beside the task's set-up, instead of inside the first file's read.
        new Thread(WarmUpChecksums) { IsBackground = true, Name = "Strata checksum set-up" }.Start();
        if (!string.IsNullOrWhiteSpace(scriptTemplate))
        {
            if (ReadOptional(projectDirectory, scriptTemplate, []) is { } text)
            {
                renderer.Prepare(text);
            }

            return;
        }

        foreach (var id in engines)
        {
            // A built-in layout needs no compile (MigrationScriptGenerator renders it without the template engine).
            if (EngineCatalog.Find(id?.Trim() ?? "") is { SchemaStyle: SchemaStyle.SqlMigrations } engine && !MigrationScriptGenerator.HasBuiltInLayout(engine))
            {
                renderer.Prepare(MigrationScriptGenerator.DefaultTemplate(engine));
            }
        }
    }

    private static void WarmUpChecksums()
    {
        try
        {
            _ = MigrationChecksum.Compute(string.Empty);
        }
#pragma warning disable CA1031 // only a warm-up: a real checksum fails again where it is reported
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public static Result Run(string projectDirectory, IEnumerable<DatastoreDeclaration> datastores, MigrationBuildOptions options, ITextTemplateRenderer renderer)
    {
        var scripts = new List<GeneratedScript>();
        var diagnostics = new List<Diagnostic>();
        var template = ReadTemplate(projectDirectory, options.ScriptTemplate, diagnostics);
        var sqlDatastores = SqlDatastores(datastores).ToList();
        if (!diagnostics.Any(d => d.IsError))
        {
            foreach (var datastore in sqlDatastores)
            {
                // The template compiles on another thread while this one reads, checks and lints the migrations.
                if (template is not null || !MigrationScriptGenerator.HasBuiltInLayout(datastore.Engine))
                {
                    renderer.Prepare(template ?? MigrationScriptGenerator.DefaultTemplate(datastore.Engine));
                }
            }
        }

        CheckSettings(options.Settings, diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return new Result(scripts, diagnostics);
        }

        foreach (var datastore in sqlDatastores)
        {
            var found = new List<Diagnostic>();
            var (set, migrationLock) = Load(projectDirectory, datastore, found);
            if (!found.Any(d => d.IsError))
            {
                found.AddRange(MigrationLinter.Lint(set.Migrations, Dialect(datastore), m => migrationLock.Find(m.Version) is not null, options.Lint));
            }

            diagnostics.AddRange(found);
            if (found.Any(d => d.IsError))
            {
                continue;
            }

            var content = MigrationScriptGenerator.Generate(set, datastore.Engine, renderer, options.Settings, template);
            var output = Path.Combine(options.OutputDirectory, datastore.Name, "migrate.sql").Replace('\\', '/');
            scripts.Add(new GeneratedScript(datastore.Name, datastore.Engine.Id, output, content, set.Migrations.Count,
                set.Migrations.Count > 0 ? set.Migrations[0].Version : null,
                set.Migrations.Count > 0 ? set.Migrations[^1].Version : null));
        }

        return new Result(scripts, diagnostics);
    }

    /// <summary>
    /// The lock file of each SQL datastore after releasing its current migrations. Edits of released migrations are
    /// recorded only for the versions in <paramref name="acceptEdits"/>; a datastore with any error gets no new lock.
    /// </summary>
    public static IReadOnlyList<(string RelativePath, string Content)> Lock(
        string projectDirectory, IEnumerable<DatastoreDeclaration> datastores, IReadOnlySet<string> acceptEdits, ICollection<Diagnostic> diagnostics)
    {
        var locks = new List<(string, string)>();
        foreach (var datastore in SqlDatastores(datastores))
        {
            var found = new List<Diagnostic>();
            var (set, current) = Load(projectDirectory, datastore, found);
            bool Accepted(Diagnostic d) => d.Descriptor == DiagnosticCatalog.LockedMigrationEdited &&
                set.Migrations.Any(m => m.RelativePath == d.Location.File && acceptEdits.Any(v => MigrationVersion.Compare(v, m.Version) == 0));
            var remaining = found.Where(d => !Accepted(d) && d.Descriptor != DiagnosticCatalog.LockedFileRenamed).ToList();
            foreach (var diagnostic in remaining)
            {
                diagnostics.Add(diagnostic);
            }

            if (!remaining.Any(d => d.IsError))
            {
                locks.Add((LockPath(set.Folder), MigrationLockCheck.Relock(set, current, acceptEdits).Format(datastore.Name)));
            }
        }

        return locks;
    }

    /// <summary>obj/strata/&lt;datastore&gt;/rollback-to-&lt;target&gt;.sql for each SQL datastore (or the one named).</summary>
    public static IReadOnlyList<GeneratedScript> Rollback(
        string projectDirectory, IEnumerable<DatastoreDeclaration> datastores, MigrationBuildOptions options, string target, ITextTemplateRenderer renderer, ICollection<Diagnostic> diagnostics)
    {
        var scripts = new List<GeneratedScript>();
        foreach (var datastore in SqlDatastores(datastores))
        {
            var found = new List<Diagnostic>();
            var (set, _) = Load(projectDirectory, datastore, found);
            var errors = found.Where(d => d.IsError).ToList();
            var content = errors.Count == 0 ? RollbackScriptGenerator.Generate(set, datastore.Engine, target.Trim(), options.Settings, renderer, errors) : null;
            foreach (var diagnostic in errors)
            {
                diagnostics.Add(diagnostic);
            }

            if (content is not null)
            {
                var output = Path.Combine(options.OutputDirectory, datastore.Name, $"rollback-to-{target.Trim()}.sql").Replace('\\', '/');
                scripts.Add(new GeneratedScript(datastore.Name, datastore.Engine.Id, output, content, set.Migrations.Count(m => MigrationVersion.Compare(m.Version, target) > 0), target, null));
            }
        }

        return scripts;
    }

    public static string LockPath(string migrationsFolder) => Path.Combine(Path.GetDirectoryName(migrationsFolder) ?? "", MigrationLock.FileName).Replace('\\', '/');

    private static SqlDialect Dialect(DatastoreDeclaration datastore) =>
        datastore.Engine == EngineCatalog.Postgres ? SqlDialect.PostgreSql : SqlDialect.Sqlite;

    private static IEnumerable<DatastoreDeclaration> SqlDatastores(IEnumerable<DatastoreDeclaration> datastores) =>
        datastores.Where(d => d.Engine.SchemaStyle == SchemaStyle.SqlMigrations);

    private static (MigrationSet Set, MigrationLock Lock) Load(string projectDirectory, DatastoreDeclaration datastore, List<Diagnostic> diagnostics)
    {
        var set = MigrationSetLoader.Load(projectDirectory, datastore.Name, datastore.Engine.SchemaFolder(datastore.Name), Dialect(datastore));
        diagnostics.AddRange(set.Diagnostics);
        var lockPath = LockPath(set.Folder);
        var lockText = ReadOptional(projectDirectory, lockPath, diagnostics);
        var migrationLock = lockText is null ? MigrationLock.Empty : MigrationLock.Parse(lockText, lockPath, diagnostics);
        MigrationLockCheck.Run(set, migrationLock, lockPath, diagnostics);
        return (set, migrationLock);
    }

    private static string? ReadTemplate(string projectDirectory, string? relative, List<Diagnostic> diagnostics)
    {
        if (string.IsNullOrWhiteSpace(relative))
        {
            return null;
        }

        var text = ReadOptional(projectDirectory, relative, diagnostics);
        if (text is null && !diagnostics.Any(d => d.IsError))
        {
            diagnostics.Add(DiagnosticCatalog.MigrationUnreadable.Create(new SourceLocation(relative), relative, "the file does not exist (StrataMigrationScriptTemplate)"));
        }

        return text;
    }

    private static void CheckSettings(ScriptSettings settings, List<Diagnostic> diagnostics)
    {
        foreach (var (name, value) in new[] { ("StrataLockTimeout", settings.LockTimeout), ("StrataStatementTimeout", settings.StatementTimeout) })
        {
            if (!ScriptSettings.IsValidInterval(value))
            {
                diagnostics.Add(DiagnosticCatalog.InvalidScriptSetting.Create(new SourceLocation(""), name, value));
            }
        }
    }

    /// <summary>A small text file that may be absent (null); unreadable or non-UTF-8 content is a coded error.</summary>
    private static string? ReadOptional(string projectDirectory, string relative, List<Diagnostic> diagnostics)
    {
        var path = Path.Combine(projectDirectory, relative);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var text = Utf8File.TryDecode(File.ReadAllBytes(path), out var invalid);
            if (text is null)
            {
                diagnostics.Add(DiagnosticCatalog.MigrationNotUtf8.Create(SourceLocation.At(relative, invalid.Line, invalid.Column), relative, invalid.Value));
            }

            return text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticCatalog.MigrationUnreadable.Create(new SourceLocation(relative), relative, ex.Message));
            return null;
        }
    }
}
