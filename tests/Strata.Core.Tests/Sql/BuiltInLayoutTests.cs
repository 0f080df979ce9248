using System.Reflection;
using System.Text;
using Strata.Core.Catalog;
using Strata.Migrations.Sql;
using Strata.Core.Sql.Migrations;
using Strata.Core.Templating;
using Strata.Core.Tests.Docs;

namespace Strata.Core.Tests.Sql;

/// <summary>
/// The built-in migration script layouts are rendered without Handlebars (LayoutTemplate): the output must be the bytes
/// Handlebars makes of the same .hbs and model. Each case renders both ways and compares.
/// </summary>
public sealed class BuiltInLayoutTests : IDisposable
{
    private readonly MigrationFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> SqlEngines => new() { "postgres", "sqlite" };

    [Theory]
    [InlineData("Sql/Templates/postgres.hbs")]
    [InlineData("Sql/Templates/sqlite.hbs")]
    [InlineData("Sql/Templates/rollback-postgres.hbs")]
    [InlineData("Sql/Templates/rollback-sqlite.hbs")]
    public void Every_shipped_script_layout_is_within_the_supported_part_of_Handlebars(string path)
    {
        LayoutTemplate.TryParse(EmbeddedTemplates.Read(path), out var layout, out var unsupported).ShouldBeTrue(unsupported);
        layout.ShouldNotBeNull();
        EmbeddedTemplates.Layout(path).ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(SqlEngines))]
    public void The_lint_corpus_renders_to_the_same_bytes_as_Handlebars(string engineId)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(DocsCatalogTests.RepoRoot(), "eng", "bench", "lint-corpus"), "*.sql"))
        {
            _folder.AddBytes(Path.GetFileName(file), File.ReadAllBytes(file));
        }

        AssertSameAsHandlebars(engineId, 45);
    }

    [Theory]
    [MemberData(nameof(SqlEngines))]
    public void A_varied_chain_renders_to_the_same_bytes_as_Handlebars(string engineId)
    {
        var random = new Random(20261121);
        for (int i = 1; i <= 300; i++)
        {
            var text = new StringBuilder();
            if (i % 17 == 0)
            {
                text.Append("-- strata:no-transaction\n");
            }

            text.Append(CultureInfo(i)).Append($"CREATE TABLE t{i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL DEFAULT 'it''s {{{{x}}}} & <b>');\n");
            if (i % 5 == 0)
            {
                text.Append("CREATE FUNCTION f").Append(i).Append("() RETURNS trigger LANGUAGE plpgsql AS $fn$\nBEGIN\n  RETURN NEW; -- \\set {{#if}} \\{{x}}\nEND;\n$fn$;\n");
            }

            for (int blank = random.Next(0, 3); blank > 0; blank--)
            {
                text.Append(i % 2 == 0 ? "\n" : "\r\n");
            }

            switch (i % 7)
            {
                case 0:
                    text.Append("-- strata:down\nDROP TABLE t").Append(i).Append(";\n");
                    break;
                case 3:
                    text.Append("-- strata:down\n");
                    break;
            }

            var name = i % 11 == 0 ? $"{i:D6}_Add-T{i}_again.sql" : $"{i:D4}_create_t{i}.sql";
            _folder.Add(name, text.ToString());
        }

        AssertSameAsHandlebars(engineId, 300);

        static string CultureInfo(int i) => i % 3 == 0 ? "-- «ünïcödé» 🐘\n" : "";
    }

    [Theory]
    [MemberData(nameof(SqlEngines))]
    public void No_migrations_and_other_settings_render_to_the_same_bytes_as_Handlebars(string engineId)
    {
        AssertSameAsHandlebars(engineId, 0);
        _folder.Add("0001_one.sql", "SELECT 1;");
        AssertSameAsHandlebars(engineId, 1, new ScriptSettings("0", "90s"));
    }

    [Theory]
    [InlineData("a {{x}} b\n{{#if yes}}\nin\n{{/if}}\nend")]
    [InlineData("  {{#each items}}  \r\n[{{name}}]\r\n  {{/each}}\r\n{{#unless no}}u{{/unless}}|{{#if yes}} {{/if}}")]
    [InlineData("{{#if empty}}\nnever\n{{/if}}{{#if zero}}z{{/if}}{{#unless items}}u{{/unless}}{{#if none}}n{{/if}}\n{{#each items}}{{#if name}}{{name}}{{/if}}{{/each}}")]
    [InlineData("x\n\t{{#if yes}}\n{{count}}\n{{/if}}")]
    [InlineData("{{#if yes}}{{/if}}\n{{#if yes}}\n{{/if}}{{#each items}}\n{{name}}\n{{/each}}")]
    [InlineData("{{#each items}}\n{{/each}}\n{{  x  }}\n")]
    public void Small_layouts_render_like_Handlebars(string template)
    {
        var model = new Scope
        {
            ["x"] = "X",
            ["yes"] = true,
            ["no"] = false,
            ["empty"] = "",
            ["zero"] = 0,
            ["count"] = 42,
            ["none"] = null,
            ["items"] = new List<Scope> { new() { ["name"] = "a" }, new() { ["name"] = "" }, new() { ["name"] = "c" } },
        };

        LayoutTemplate.TryParse(template, out var layout, out var unsupported).ShouldBeTrue(unsupported);
        layout!.Render(model).ShouldBe(HandlebarsTextRenderer.Instance.Render(template, model));
    }

    [Theory]
    [InlineData("{{#if a}}x{{else}}y{{/if}}")]
    [InlineData("{{! comment }}")]
    [InlineData("{{{raw}}}")]
    [InlineData("{{> partial}}")]
    [InlineData("{{a.b}}")]
    [InlineData("{{../a}}")]
    [InlineData("{{@index}}")]
    [InlineData("{{this}}")]
    [InlineData("\\{{a}}")]
    [InlineData("{{~a}}")]
    [InlineData("{{a~}}")]
    [InlineData("{{&a}}")]
    [InlineData("{{^a}}x{{/a}}")]
    [InlineData("{{#with a}}x{{/with}}")]
    [InlineData("{{#if a b}}x{{/if}}")]
    [InlineData("{{helper a}}")]
    [InlineData("{{#if a}}x{{/each}}")]
    [InlineData("{{#if a}}x")]
    [InlineData("{{a")]
    public void Anything_else_is_left_to_Handlebars(string template) =>
        LayoutTemplate.TryParse(template, out _, out _).ShouldBeFalse();

    [Theory]
    [InlineData("postgres", "0")]
    [InlineData("postgres", "0040")]
    [InlineData("sqlite", "0")]
    [InlineData("sqlite", "0099")]
    public void Rollback_scripts_render_to_the_same_bytes_as_Handlebars(string engineId, string target)
    {
        for (int i = 1; i <= 120; i++)
        {
            var down = i % 9 == 0 ? "-- strata:down\n" : $"-- strata:down\nDROP TABLE t{i}; -- it's {{{{x}}}} & <b>\n";
            _folder.Add($"{i:D4}_create_t{i}.sql", $"CREATE TABLE t{i} (id int);\n{down}");
        }

        var engine = EngineCatalog.Find(engineId)!;
        var set = MigrationSetLoader.Load(_folder.Project, "main", MigrationFolder.Relative, engineId == "postgres" ? SqlDialect.PostgreSql : SqlDialect.Sqlite);
        var undone = set.Migrations.Where(m => Strata.Migrations.Script.MigrationVersion.Compare(m.Version, target) > 0).Reverse().ToList();
        var model = RollbackScriptGenerator.Model(set, engine, target, new ScriptSettings("3s", "1h"), undone);
        var path = $"Sql/Templates/rollback-{engineId}.hbs";

        var builtIn = EmbeddedTemplates.Layout(path)!.Render(model);
        Encoding.UTF8.GetBytes(builtIn).ShouldBe(Encoding.UTF8.GetBytes(HandlebarsTextRenderer.Instance.Render(EmbeddedTemplates.Read(path), model)));
        var diagnostics = new List<Strata.Core.Diagnostics.Diagnostic>();
        RollbackScriptGenerator.Generate(set, engine, target, new ScriptSettings("3s", "1h"), new NoRenderer(), diagnostics).ShouldBe(builtIn.Replace("\r\n", "\n", StringComparison.Ordinal));
        diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void The_models_give_every_property_by_its_template_name()
    {
        var set = new MigrationSet("main", "db/main/migrations",
            [new MigrationFile("0001", "d", "db/main/migrations/0001_d.sql", "SELECT 1;", "c", "f", true, "SELECT 2;", 3)], []);
        var model = MigrationScriptGenerator.Model(set, EngineCatalog.Postgres, ScriptSettings.Default);
        AssertScope(model);
        AssertScope(model.migrations[0]);
        model.TryGetValue("nope", out _).ShouldBeFalse();
        var rollback = RollbackScriptGenerator.Model(set, EngineCatalog.Postgres, "0", ScriptSettings.Default, set.Migrations);
        AssertScope(rollback);
        AssertScope(rollback.migrations[0]);
        rollback.migrations[0].TryGetValue("body", out _).ShouldBeFalse();

        static void AssertScope(ITemplateScope scope)
        {
            foreach (var property in scope.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                scope.TryGetValue(property.Name, out var value).ShouldBeTrue(property.Name);
                value.ShouldBe(property.GetValue(scope), property.Name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SqlEngines))]
    public void Text_the_loader_never_produces_renders_to_the_same_bytes_as_Handlebars(string engineId)
    {
        // Quotes, braces and markup in every string; an empty down part; a version with leading zeros.
        const string Odd = "it's {{x}} \\{{y}} & <b>\"q\"</b> {{#if a}}";
        var set = new MigrationSet("main's", "db/{{main}}", [
            new MigrationFile("0001", Odd, "db/main/" + Odd, Odd, "c'1", "f", true, "", 0),
            new MigrationFile("000002", "two", "db/main/2.sql", "SELECT 2;\n", "c2", "f", false, Odd + "\n", 7),
            new MigrationFile("3", "", "", "", "", "", true, null, 0),
        ], []);
        AssertSameAsHandlebars(engineId, set, new ScriptSettings("1h", "0"));
    }

    private void AssertSameAsHandlebars(string engineId, int count, ScriptSettings? settings = null)
    {
        var set = MigrationSetLoader.Load(_folder.Project, "main", MigrationFolder.Relative, engineId == "postgres" ? SqlDialect.PostgreSql : SqlDialect.Sqlite);
        set.Diagnostics.Where(d => d.IsError).ShouldBeEmpty();
        set.Migrations.Count.ShouldBe(count);
        AssertSameAsHandlebars(engineId, set, settings);
    }

    private static void AssertSameAsHandlebars(string engineId, MigrationSet set, ScriptSettings? settings)
    {
        var engine = EngineCatalog.Find(engineId)!;
        MigrationScriptGenerator.HasBuiltInLayout(engine).ShouldBeTrue();

        var builtIn = MigrationScriptGenerator.Generate(set, engine, new NoRenderer(), settings);
        var handlebars = MigrationScriptGenerator.Generate(set, engine, HandlebarsTextRenderer.Instance, settings, MigrationScriptGenerator.DefaultTemplate(engine));
        Encoding.UTF8.GetBytes(builtIn).ShouldBe(Encoding.UTF8.GetBytes(handlebars));
    }

    /// <summary>A dictionary for Handlebars, a scope for LayoutTemplate.</summary>
    private sealed class Scope : Dictionary<string, object?>, ITemplateScope
    {
        public Scope()
            : base(StringComparer.Ordinal)
        {
        }
    }

    private sealed class NoRenderer : ITextTemplateRenderer
    {
        public string Render(string templateText, object model) => throw new InvalidOperationException("the built-in layout went to the template engine");
    }
}
