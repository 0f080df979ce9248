using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Diagnostics;
using Strata.Core.Sql.Lexing;
using Strata.Core.Templating;

namespace Strata.Core.Sql.Migrations;

/// <summary>The build step for SQL datastores: read and check every migration, then render one script per datastore.</summary>
public static class MigrationBuild
{
    public sealed record Result(IReadOnlyList<GeneratedScript> Scripts, IReadOnlyList<Diagnostic> Diagnostics)
    {
        public bool HasErrors => Diagnostics.Any(d => d.IsError);
    }

    /// <param name="outputDirectory">Relative to the project, e.g. obj/strata; each script lands in &lt;output&gt;/&lt;datastore&gt;/migrate.sql.</param>
    public static Result Run(string projectDirectory, IEnumerable<DatastoreDeclaration> datastores, string outputDirectory, ITextTemplateRenderer renderer)
    {
        var scripts = new List<GeneratedScript>();
        var diagnostics = new List<Diagnostic>();
        foreach (var datastore in datastores.Where(d => d.Engine.SchemaStyle == SchemaStyle.SqlMigrations))
        {
            var dialect = datastore.Engine == EngineCatalog.Postgres ? SqlDialect.PostgreSql : SqlDialect.Sqlite;
            var set = MigrationSetLoader.Load(projectDirectory, datastore.Name, datastore.Engine.SchemaFolder(datastore.Name), dialect);
            diagnostics.AddRange(set.Diagnostics);
            if (set.HasErrors)
            {
                continue;
            }

            var content = MigrationScriptGenerator.Generate(set, datastore.Engine, renderer);
            var output = Path.Combine(outputDirectory, datastore.Name, "migrate.sql").Replace('\\', '/');
            scripts.Add(new GeneratedScript(datastore.Name, datastore.Engine.Id, output, content, set.Migrations.Count,
                set.Migrations.Count > 0 ? set.Migrations[0].Version : null,
                set.Migrations.Count > 0 ? set.Migrations[^1].Version : null));
        }

        return new Result(scripts, diagnostics);
    }
}
