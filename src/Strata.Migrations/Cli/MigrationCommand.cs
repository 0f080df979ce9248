using System.Globalization;
using Strata.Migrations.Engine;
using Strata.Migrations.Errors;

namespace Strata.Migrations.Cli;

/// <summary>
/// The <c>migrate</c> command of a generated service, so its Program.cs stays a few lines:
/// <code>
/// if (MigrationCommand.Handles(args))
///     return await MigrationCommand.RunAsync(args, () => SqliteMigrator.Create(cs, script), Console.Out, Console.Error);
/// </code>
/// Exit codes: 0 success, 1 a migration error (its one-line message is printed, no stack trace), 2 bad usage.
/// </summary>
public static class MigrationCommand
{
    public const string Name = "migrate";
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public const string Usage = """
        Usage:
          migrate                                   apply pending migrations, each in its own transaction
          migrate status                            list every migration and whether it is applied
          migrate down <version> [--datastore <n>]  undo the migrations above <version>, newest first (0: all)
        """;

    /// <summary>True when the first argument is <c>migrate</c>; otherwise the service starts normally.</summary>
    public static bool Handles(IReadOnlyList<string> args) =>
        args is not null && args.Count > 0 && string.Equals(args[0], Name, StringComparison.Ordinal);

    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        Func<IMigrator> migratorFactory,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(migratorFactory);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var sub = args.Count > 1 ? args[1] : null;
        if (sub == "down")
        {
            return await DownCommandAsync(args, migratorFactory, output, error, cancellationToken).ConfigureAwait(false);
        }

        if (!Handles(args) || args.Count > 2 || sub is not (null or "status" or "--help" or "-h" or "help"))
        {
            await error.WriteLineAsync($"error: unknown command '{string.Join(' ', args)}'.").ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return UsageError;
        }

        if (sub is "--help" or "-h" or "help")
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return Success;
        }

        try
        {
            // The factory runs inside the try: loading the embedded script (STRATA5003/5004) fails here.
            var migrator = migratorFactory();
            return sub is null
                ? await ApplyAsync(migrator, output, error, cancellationToken).ConfigureAwait(false)
                : await StatusAsync(migrator, output, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: cancelled; the migration in progress was rolled back.").ConfigureAwait(false);
            return Failure;
        }
    }

    /// <summary>migrate down &lt;version&gt; [--datastore &lt;name&gt;]: a service with several datastores runs it for the named one only.</summary>
    private static async Task<int> DownCommandAsync(IReadOnlyList<string> args, Func<IMigrator> migratorFactory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        string? datastore = null;
        if (args.Count == 5 && args[3] == "--datastore")
        {
            datastore = args[4];
        }
        else if (args.Count != 3)
        {
            await error.WriteLineAsync($"error: '{string.Join(' ', args)}' needs a version: migrate down <version> [--datastore <name>].").ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return UsageError;
        }

        try
        {
            var migrator = migratorFactory();
            if (datastore is not null && !string.Equals(migrator.Script.Datastore, datastore, StringComparison.Ordinal))
            {
                return Success;
            }

            var result = await migrator.DownAsync(args[2], cancellationToken).ConfigureAwait(false);
            foreach (var undone in result.Applied)
            {
                await output.WriteLineAsync($"Undid {undone.Version} {undone.Description}").ConfigureAwait(false);
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Datastore '{migrator.Script.Datastore}': undid {result.Applied.Count} migration{(result.Applied.Count == 1 ? "" : "s")}; {result.AlreadyApplied} still applied.")).ConfigureAwait(false);
            return Success;
        }
        catch (MigrationException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return Failure;
        }
    }

    private static async Task<int> ApplyAsync(IMigrator migrator, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var result = await migrator.ApplyAsync(cancellationToken).ConfigureAwait(false);
        foreach (var applied in result.Applied)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Applied {applied.Version} {applied.Description} ({(long)applied.Duration.TotalMilliseconds} ms)")).ConfigureAwait(false);
        }

        foreach (var warning in result.Warnings)
        {
            await error.WriteLineAsync(warning.Message).ConfigureAwait(false);
        }

        await output.WriteLineAsync(result.Summary).ConfigureAwait(false);
        return Success;
    }

    private static async Task<int> StatusAsync(IMigrator migrator, TextWriter output, CancellationToken cancellationToken)
    {
        var statuses = await migrator.StatusAsync(cancellationToken).ConfigureAwait(false);
        foreach (var line in StatusTable.Format(statuses))
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await output.WriteLineAsync(StatusTable.Summary(migrator.Script.Datastore, statuses)).ConfigureAwait(false);
        return Success;
    }
}
