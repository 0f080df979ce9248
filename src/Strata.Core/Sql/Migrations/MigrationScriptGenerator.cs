using System.Globalization;
using Strata.Core.Catalog;
using Strata.Core.Templating;
using Strata.Migrations.Script;

namespace Strata.Core.Sql.Migrations;

/// <summary>Turns a datastore's ordered migrations into the one script the service embeds (format: ScriptFormat).</summary>
public static class MigrationScriptGenerator
{
    public static string DefaultTemplate(EngineDescriptor engine) => EmbeddedTemplates.Read($"Sql/Templates/{engine.Id}.hbs");

    public static string Generate(MigrationSet set, EngineDescriptor engine, ITextTemplateRenderer renderer, ScriptSettings? settings = null, string? template = null)
    {
        settings ??= ScriptSettings.Default;
        var model = new
        {
            datastore = set.Datastore,
            engine = engine.Id,
            folder = set.Folder,
            lockKey = MigrationLockKey.For(set.Datastore).ToString(CultureInfo.InvariantCulture),
            lockTimeout = settings.LockTimeout,
            statementTimeout = settings.StatementTimeout,
            migrations = set.Migrations.Select(m => new
            {
                version = m.Version,
                normalizedVersion = MigrationVersion.Normalize(m.Version),
                checksum = m.Checksum,
                source = m.RelativePath,
                description = m.Description,
                sqlDescription = m.Description.Replace("'", "''", StringComparison.Ordinal),
                body = m.Body,
                transactional = m.RunsInTransaction,
                down = m.DownBody,
                downChecksum = m.DownBody is null ? null : MigrationChecksum.Compute(m.DownBody),
                downLine = m.DownLine,
            }).ToList(),
        };

        var text = renderer.Render(template ?? DefaultTemplate(engine), model);
        return text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
