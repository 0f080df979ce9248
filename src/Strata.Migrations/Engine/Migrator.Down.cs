using System.Diagnostics;
using System.Globalization;
using Strata.Migrations.Errors;
using Strata.Migrations.Script;

namespace Strata.Migrations.Engine;

internal sealed partial class Migrator
{
    public async Task<MigrationResult> DownAsync(string targetVersion, CancellationToken cancellationToken = default)
    {
        if (!MigrationVersion.IsValid(targetVersion))
        {
            throw new MigrationException(MigrationErrors.CannotRollBack, $"'{targetVersion}' is not a migration version (digits; 0 undoes every migration).");
        }

        var clock = Stopwatch.StartNew();
        var database = openDatabase();
        await using (database.ConfigureAwait(false))
        {
            if (!await database.OpenAsync(create: false, cancellationToken).ConfigureAwait(false))
            {
                return new MigrationResult(Script.Datastore, [], 0, [], clock.Elapsed);
            }

            await database.LockAsync(cancellationToken).ConfigureAwait(false);
            var history = await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false) ?? [];
            VerifyChecksums(history.ToDictionary(r => r.NormalizedVersion, StringComparer.Ordinal));
            var undo = PlanDown(history, targetVersion);

            var undone = new List<AppliedMigration>();
            foreach (var migration in undo)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Report($"Undoing {migration.Version} {migration.Description} ({migration.Source}, line {migration.DownLine})");
                var started = Stopwatch.GetTimestamp();
                var transaction = await database.BeginAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    try
                    {
                        await transaction.ExecuteAsync(migration.DownBody!, cancellationToken).ConfigureAwait(false);
                        await transaction.ExecuteAsync(
                            $"DELETE FROM {ScriptFormat.HistoryTable} WHERE version = '{migration.NormalizedVersion}'", cancellationToken).ConfigureAwait(false);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (StatementFailedException ex)
                    {
                        throw new MigrationException(
                            MigrationErrors.MigrationFailed,
                            $"Undoing migration {migration.Version} '{migration.Description}' failed: {ex.Message} It was rolled back, so {migration.Version} is still " +
                            $"applied{(undone.Count > 0 ? $"; {string.Join(", ", undone.Select(u => u.Version))} stay undone" : string.Empty)}.",
                            migration.Source,
                            ex.Line is { } line ? migration.DownLine + line - 1 : migration.DownLine,
                            migration.Version,
                            ex.InnerException ?? ex);
                    }
                }

                undone.Add(new AppliedMigration(migration.Version, migration.Description, migration.Source, Stopwatch.GetElapsedTime(started)));
                Report(string.Create(CultureInfo.InvariantCulture, $"Undid {migration.Version} {migration.Description}"));
            }

            return new MigrationResult(Script.Datastore, undone, history.Count - undone.Count, [], clock.Elapsed);
        }
    }

    /// <summary>The applied migrations above the target, newest first; refuses (changing nothing) if any cannot be undone.</summary>
    private List<ScriptMigration> PlanDown(IReadOnlyList<HistoryRow> history, string targetVersion)
    {
        var byVersion = Script.Migrations.ToDictionary(m => m.NormalizedVersion, StringComparer.Ordinal);
        var above = history
            .Where(r => MigrationVersion.Compare(r.NormalizedVersion, targetVersion) > 0)
            .OrderByDescending(r => r.NormalizedVersion, Comparer<string>.Create(MigrationVersion.Compare))
            .ToList();
        if (MigrationVersion.Normalize(targetVersion) != "0" && !byVersion.ContainsKey(MigrationVersion.Normalize(targetVersion)))
        {
            throw new MigrationException(MigrationErrors.CannotRollBack, $"Datastore '{Script.Datastore}' has no migration {targetVersion} to roll back to. Nothing was changed.");
        }

        var unknown = above.Where(r => !byVersion.ContainsKey(r.NormalizedVersion)).Select(r => r.NormalizedVersion).ToList();
        var noDown = above.Where(r => byVersion.TryGetValue(r.NormalizedVersion, out var m) && m.DownBody is null).Select(r => byVersion[r.NormalizedVersion].Source).ToList();
        if (unknown.Count > 0 || noDown.Count > 0)
        {
            var reasons = new List<string>();
            if (unknown.Count > 0)
            {
                reasons.Add($"applied migration(s) {string.Join(", ", unknown)} are not in this build");
            }

            if (noDown.Count > 0)
            {
                reasons.Add($"{string.Join(", ", noDown)} ha{(noDown.Count == 1 ? "s" : "ve")} no '-- strata:down' part");
            }

            throw new MigrationException(MigrationErrors.CannotRollBack,
                $"Cannot roll datastore '{Script.Datastore}' back to {targetVersion}: {string.Join("; ", reasons)}. Nothing was changed.");
        }

        return [.. above.Select(r => byVersion[r.NormalizedVersion])];
    }
}
