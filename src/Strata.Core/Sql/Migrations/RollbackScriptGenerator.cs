using System.Globalization;
using Strata.Core.Catalog;
using Strata.Core.Diagnostics;
using Strata.Core.Templating;
using Strata.Migrations.Script;

namespace Strata.Core.Sql.Migrations;

/// <summary>
/// The script that takes a datastore back down to a version: the down parts (after '-- strata:down') of every later
/// migration, newest first, each with the removal of its history row.
/// </summary>
public static class RollbackScriptGenerator
{
    /// <returns>The script, or null when a needed down part is missing or the target is unknown (diagnostics say why).</returns>
    public static string? Generate(MigrationSet set, EngineDescriptor engine, string target, ScriptSettings settings, ITextTemplateRenderer renderer, ICollection<Diagnostic> diagnostics)
    {
        if (!MigrationVersion.IsValid(target) ||
            (MigrationVersion.Normalize(target) != "0" && !set.Migrations.Any(m => MigrationVersion.Compare(m.Version, target) == 0)))
        {
            diagnostics.Add(DiagnosticCatalog.UnknownRollbackTarget.Create(new SourceLocation(set.Folder), target, set.Datastore));
            return null;
        }

        var undone = set.Migrations.Where(m => MigrationVersion.Compare(m.Version, target) > 0).Reverse().ToList();
        foreach (var missing in undone.Where(m => m.DownBody is null))
        {
            diagnostics.Add(DiagnosticCatalog.NoDownPart.Create(new SourceLocation(missing.RelativePath), target, missing.RelativePath));
        }

        if (undone.Any(m => m.DownBody is null))
        {
            return null;
        }

        var model = Model(set, engine, target, settings, undone);
        var path = $"Sql/Templates/rollback-{engine.Id}.hbs";
        // The built-in layout without Handlebars' compile when it can (the same bytes: tests compare), else Handlebars.
        var text = EmbeddedTemplates.Layout(path) is { } layout ? layout.Render(model) : renderer.Render(EmbeddedTemplates.Read(path), model);
        return text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    internal static RollbackScriptModel Model(MigrationSet set, EngineDescriptor engine, string target, ScriptSettings settings, IReadOnlyList<MigrationFile> undone)
    {
        var migrations = new List<RollbackMigrationModel>(undone.Count);
        foreach (var m in undone)
        {
            migrations.Add(new RollbackMigrationModel
            {
                version = m.Version,
                normalizedVersion = MigrationVersion.Normalize(m.Version),
                description = m.Description,
                source = m.RelativePath,
                downLine = m.DownLine,
                down = m.DownBody,
            });
        }

        return new RollbackScriptModel
        {
            datastore = set.Datastore,
            engine = engine.Id,
            target = target,
            latest = set.Migrations.Count > 0 ? set.Migrations[^1].Version : target,
            lockKey = MigrationLockKey.For(set.Datastore).ToString(CultureInfo.InvariantCulture),
            lockTimeout = settings.LockTimeout,
            statementTimeout = settings.StatementTimeout,
            migrations = migrations,
        };
    }
}
