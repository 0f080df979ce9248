using System.Globalization;
using Strata.Migrations.Sql;
using Strata.Core.Sql.Lint;
using Strata.Core.Sql.Migrations;

// Usage: LintCompare <folder of NNNN_name.sql> [lockedThrough]
// Lints every file as a PostgreSQL migration (sorted by version; versions <= lockedThrough count as locked) and prints
// "file:line:col CODE" per finding. A first line "-- strata:no-transaction" marks a no-transaction migration.
var folder = args[0];
long lockedThrough = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 0;
var migrations = Directory.GetFiles(folder, "*.sql")
    .Select(path =>
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var version = name.Split('_')[0];
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = MigrationDirectives.Apply(text.TrimEnd('\n'));
        return new MigrationFile(version, name[(version.Length + 1)..], Path.GetFileName(path), split.Up, "", "", !split.NoTransaction);
    })
    .OrderBy(m => long.Parse(m.Version, CultureInfo.InvariantCulture))
    .ToList();
var found = MigrationLinter.Lint(migrations, SqlDialect.PostgreSql,
    m => long.Parse(m.Version, CultureInfo.InvariantCulture) <= lockedThrough, LintOptions.Default);
foreach (var d in found)
{
    Console.WriteLine($"{d.Location.File}:{d.Location.Line}:{d.Location.Column} {d.Id} {d.Descriptor.Title}");
}
