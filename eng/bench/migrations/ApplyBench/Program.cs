using System.Diagnostics;
using System.Globalization;
using Strata.Migrations.Postgres;
using Strata.Migrations.Script;

// Usage: ApplyBench <connection string> <migrate.sql>
// Applies the generated script to the (fresh, empty) database with the Strata runtime, the way a service does at start:
// MigrationScript.Parse, then PostgresMigrator.Create(...).ApplyAsync(). Prints one line of key=value timings (ms):
//   parse   MigrationScript.Parse of the file's text (checksums verified)
//   apply   ApplyAsync: connect, lock, prologue, history read, every migration in its own transaction
//   process the whole process up to here (runtime start-up and JIT included), for comparison with psql's wall time
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ApplyBench <connection string> <migrate.sql>");
    return 2;
}

var text = await File.ReadAllTextAsync(args[1]).ConfigureAwait(false);
var parseStarted = Stopwatch.GetTimestamp();
var script = MigrationScript.Parse(text, args[1]);
var parse = Stopwatch.GetElapsedTime(parseStarted);

var applyStarted = Stopwatch.GetTimestamp();
var result = await PostgresMigrator.Create(args[0], script).ApplyAsync().ConfigureAwait(false);
var apply = Stopwatch.GetElapsedTime(applyStarted);
var process = DateTime.Now - Process.GetCurrentProcess().StartTime;

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"parse={parse.TotalMilliseconds:0.0} apply={apply.TotalMilliseconds:0.0} process={process.TotalMilliseconds:0} applied={result.Applied.Count} migrations={script.Migrations.Count}"));
return result.Applied.Count == script.Migrations.Count ? 0 : 1;
