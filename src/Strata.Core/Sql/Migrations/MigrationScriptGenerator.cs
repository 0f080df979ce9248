using System.Globalization;
using Strata.Core.Catalog;
using Strata.Core.Templating;
using Strata.Migrations.Script;

namespace Strata.Core.Sql.Migrations;

/// <summary>Turns a datastore's ordered migrations into the one script the service embeds (format: ScriptFormat).</summary>
public static class MigrationScriptGenerator
{
    public static string DefaultTemplate(EngineDescriptor engine) => EmbeddedTemplates.Read(DefaultTemplatePath(engine));

    /// <summary>
    /// The script. Without <paramref name="template"/> (a user's layout, rendered by <paramref name="renderer"/>), the
    /// engine's built-in layout is rendered by <see cref="EmbeddedTemplates.Layout"/>: the same bytes as Handlebars makes
    /// of it, without Handlebars' compile (tests compare the two).
    /// </summary>
    public static string Generate(MigrationSet set, EngineDescriptor engine, ITextTemplateRenderer renderer, ScriptSettings? settings = null, string? template = null)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        var model = Model(set, engine, settings ?? ScriptSettings.Default);
        string text;
        if (template is null && EmbeddedTemplates.Layout(DefaultTemplatePath(engine)) is { } layout)
        {
            int capacity = 4096;
            foreach (var migration in model.migrations)
            {
                capacity += migration.body.Length + (migration.down?.Length ?? 0) + 1024;
            }

            text = layout.Render(model, capacity);
        }
        else
        {
            text = renderer.Render(template ?? DefaultTemplate(engine), model);
        }

        return text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Whether <see cref="Generate"/> renders the engine's built-in layout without the template engine.</summary>
    public static bool HasBuiltInLayout(EngineDescriptor engine) => EmbeddedTemplates.Layout(DefaultTemplatePath(engine)) is not null;

    internal static MigrationScriptModel Model(MigrationSet set, EngineDescriptor engine, ScriptSettings settings)
    {
        var migrations = new List<MigrationModel>(set.Migrations.Count);
        foreach (var m in set.Migrations)
        {
            migrations.Add(new MigrationModel
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
            });
        }

        return new MigrationScriptModel
        {
            datastore = set.Datastore,
            engine = engine.Id,
            folder = set.Folder,
            lockKey = MigrationLockKey.For(set.Datastore).ToString(CultureInfo.InvariantCulture),
            lockTimeout = settings.LockTimeout,
            statementTimeout = settings.StatementTimeout,
            migrations = migrations,
        };
    }

    private static string DefaultTemplatePath(EngineDescriptor engine) => $"Sql/Templates/{engine.Id}.hbs";
}
