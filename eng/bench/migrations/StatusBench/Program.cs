using System.Diagnostics;
using System.Globalization;
using Strata.Migrations.Engine;
using Strata.Migrations.Postgres;
using Strata.Migrations.Script;

// Usage: StatusBench <connection string> <migrate.sql> [runs]
// Against a database where the script is already applied: parses the script once, then times
// PostgresMigrator.Create(...).StatusAsync() <runs> times (default 10), each call a new migrator with its own data
// source, i.e. a new connection, as a `migrate status` command would. Prints each time and the median, in ms.
if (args.Length is < 2 or > 3)
{
    Console.Error.WriteLine("usage: StatusBench <connection string> <migrate.sql> [runs]");
    return 2;
}

var runs = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var text = await File.ReadAllTextAsync(args[1]).ConfigureAwait(false);
var parseStarted = Stopwatch.GetTimestamp();
var script = MigrationScript.Parse(text, args[1]);
var parse = Stopwatch.GetElapsedTime(parseStarted);

var times = new List<double>();
var applied = 0;
for (var i = 0; i < runs; i++)
{
    var started = Stopwatch.GetTimestamp();
    var status = await PostgresMigrator.Create(args[0], script).StatusAsync().ConfigureAwait(false);
    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    applied = status.Count(s => s.State == MigrationState.Applied);
}

var sorted = times.Order().ToList();
var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"parse={parse.TotalMilliseconds:0.0} status_median={median:0.0} status_first={times[0]:0.0} status_runs={string.Join(',', times.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))} applied={applied} migrations={script.Migrations.Count}"));
return applied == script.Migrations.Count ? 0 : 1;
