using Strata.Core.Catalog;
using Strata.Core.Templating;

namespace Strata.Core.Sql.Migrations;

/// <summary>Turns a datastore's ordered migrations into the one script the service embeds (format: ScriptFormat).</summary>
public static class MigrationScriptGenerator
{
    public static string DefaultTemplate(EngineDescriptor engine) => EmbeddedTemplates.Read($"Sql/Templates/{engine.Id}.hbs");

    public static string Generate(MigrationSet set, EngineDescriptor engine, ITextTemplateRenderer renderer, string? template = null)
    {
        var model = new
        {
            datastore = set.Datastore,
            engine = engine.Id,
            folder = set.Folder,
            migrations = set.Migrations.Select(m => new { version = m.Version, checksum = m.Checksum, source = m.RelativePath, description = m.Description, body = m.Body }).ToList(),
        };

        var text = renderer.Render(template ?? DefaultTemplate(engine), model);
        return text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
