using System.Diagnostics;
using System.Globalization;
using Strata.Migrations.Engine;
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

// STRATA_BENCH_PROFILE=1: per-migration split from the runtime's progress lines ("Applying" -> "Applied ... in N ms",
// N being the body's own time), to see where the rest of the time goes.
var profile = Environment.GetEnvironmentVariable("STRATA_BENCH_PROFILE") == "1";
long lastApplying = 0, lastApplied = 0;
double body = 0, bookkeeping = 0, between = 0;
var options = new MigrationOptions
{
    Progress = !profile ? null : line =>
    {
        var now = Stopwatch.GetTimestamp();
        if (line.StartsWith("Applying ", StringComparison.Ordinal))
        {
            between += lastApplied == 0 ? 0 : Stopwatch.GetElapsedTime(lastApplied, now).TotalMilliseconds;
            lastApplying = now;
        }
        else if (line.StartsWith("Applied ", StringComparison.Ordinal))
        {
            var ms = double.Parse(line[(line.LastIndexOf(" in ", StringComparison.Ordinal) + 4)..^3], CultureInfo.InvariantCulture);
            body += ms;
            bookkeeping += Stopwatch.GetElapsedTime(lastApplying, now).TotalMilliseconds - ms;
            lastApplied = now;
        }
    },
};
var applyStarted = Stopwatch.GetTimestamp();
var result = await PostgresMigrator.Create(args[0], script, options).ApplyAsync().ConfigureAwait(false);
var apply = Stopwatch.GetElapsedTime(applyStarted);
var process = DateTime.Now - Process.GetCurrentProcess().StartTime;

Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"parse={parse.TotalMilliseconds:0.0} apply={apply.TotalMilliseconds:0.0} process={process.TotalMilliseconds:0} applied={result.Applied.Count} migrations={script.Migrations.Count}"));
if (profile)
{
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"profile: bodies {body:0} ms (whole ms per migration, as the runtime reports them), begin+find+insert+commit {bookkeeping:0} ms, between migrations {between:0} ms"));
}

return result.Applied.Count == script.Migrations.Count ? 0 : 1;
