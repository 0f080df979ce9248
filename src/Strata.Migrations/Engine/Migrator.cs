using System.Diagnostics;
using System.Globalization;
using Strata.Migrations.Errors;
using Strata.Migrations.Script;

namespace Strata.Migrations.Engine;

/// <summary>
/// The engine-neutral rules: verify before changing anything, then one transaction per migration. Concurrent appliers
/// (replicas starting together) apply each migration once: under a run-wide lock (PostgreSQL) the history read after
/// taking it is the truth for the whole run; otherwise (SQLite) it is read again for each migration inside its transaction.
/// </summary>
internal sealed partial class Migrator : IMigrator
{
    private readonly Func<IMigrationDatabase> openDatabase;
    private readonly MigrationOptions options;

    public Migrator(MigrationScript script, Func<IMigrationDatabase> openDatabase, MigrationOptions? options)
    {
        Script = script;
        this.openDatabase = openDatabase;
        this.options = options ?? new MigrationOptions();
    }

    public MigrationScript Script { get; }

    public async Task<MigrationResult> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var database = openDatabase();
        await using (database.ConfigureAwait(false))
        {
            await database.OpenAsync(create: true, cancellationToken).ConfigureAwait(false);
            await database.LockAsync(cancellationToken).ConfigureAwait(false);
            var history = await RunPrologueAsync(database, cancellationToken).ConfigureAwait(false)
                ?? throw new MigrationException(
                    MigrationErrors.MalformedScript,
                    $"Malformed migration script: its prologue did not create the history table '{ScriptFormat.HistoryTable}'.",
                    Script.Name,
                    Script.PrologueLine);

            var applied = history.ToDictionary(r => r.NormalizedVersion, StringComparer.Ordinal);
            VerifyChecksums(applied);
            var warnings = CheckUnknownApplied(history);

            var done = new List<AppliedMigration>();
            var alreadyApplied = Script.Migrations.Count(m => applied.ContainsKey(m.NormalizedVersion));
            var pending = Script.Migrations.Where(m => !applied.ContainsKey(m.NormalizedVersion)).ToList();
            for (var next = 0; next < pending.Count;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var migration = pending[next];
                if (migration.Transactional && database.HoldsRunLock && database is IMigrationGroupDatabase grouped)
                {
                    next += await ApplyGroupAsync(grouped, pending, next, done, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                next++;
                var result = migration.Transactional
                    ? await ApplyOneAsync(database, migration, done, durable: migration == pending[^1], cancellationToken).ConfigureAwait(false)
                    : await ApplyOutsideTransactionAsync(database, migration, done, cancellationToken).ConfigureAwait(false);
                if (result is null)
                {
                    alreadyApplied++;
                }
                else
                {
                    done.Add(result);
                }
            }

            var summary = new MigrationResult(Script.Datastore, done, alreadyApplied, warnings, clock.Elapsed);
            Report(summary.Summary);
            return summary;
        }
    }

    public async Task<IReadOnlyList<MigrationStatus>> StatusAsync(CancellationToken cancellationToken = default)
    {
        var database = openDatabase();
        await using (database.ConfigureAwait(false))
        {
            // Status must not create a database (or its folder) just to say that everything is pending.
            var exists = await database.OpenAsync(create: false, cancellationToken).ConfigureAwait(false);
            var history = exists ? await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false) ?? [] : [];
            var applied = history.ToDictionary(r => r.NormalizedVersion, StringComparer.Ordinal);

            var known = Script.Migrations.Select(m =>
            {
                if (!applied.TryGetValue(m.NormalizedVersion, out var row))
                {
                    return new MigrationStatus(m.Version, m.Description, m.Source, MigrationState.Pending, null, m.Checksum, null);
                }

                var state = row.Checksum == m.Checksum ? MigrationState.Applied : MigrationState.ChecksumMismatch;
                return new MigrationStatus(m.Version, m.Description, m.Source, state, row.AppliedAt, m.Checksum, row.Checksum);
            });
            var unknown = Unknown(history).Select(r =>
                new MigrationStatus(r.NormalizedVersion, r.Description, null, MigrationState.UnknownApplied, r.AppliedAt, null, r.Checksum));

            return known.Concat(unknown).OrderBy(s => s.Version, Comparer<string>.Create(MigrationVersion.Compare)).ToList();
        }
    }

    /// <summary>
    /// Consecutive transactional migrations from <paramref name="start"/>, sent together (as many as the engine takes at
    /// once), each still in its own transaction. Returns how many were applied; a failure is thrown as STRATA5002 after
    /// the group's earlier migrations, which are committed, are reported and added to <paramref name="done"/>.
    /// </summary>
    private async Task<int> ApplyGroupAsync(
        IMigrationGroupDatabase database, List<ScriptMigration> pending, int start, List<AppliedMigration> done, CancellationToken cancellationToken)
    {
        var end = start;
        while (end < pending.Count && pending[end].Transactional)
        {
            end++;
        }

        var candidates = new GroupedMigration[end - start];
        for (var i = 0; i < candidates.Length; i++)
        {
            var migration = pending[start + i];
            candidates[i] = new GroupedMigration(
                migration.Body,
                new HistoryRow(migration.NormalizedVersion, migration.Description, migration.Checksum, null, options.AppliedBy, 0),
                Durable: migration == pending[^1]);
        }

        var announced = 0;
        void Announce(int count)
        {
            for (; announced < count && announced < candidates.Length; announced++)
            {
                var migration = pending[start + announced];
                Report($"Applying {migration.Version} {migration.Description} ({migration.Source})");
            }
        }

        var outcome = await database.ApplyGroupAsync(candidates, Announce, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < outcome.Applied.Count; i++)
        {
            var migration = pending[start + i];
            var elapsed = outcome.Applied[i];
            Report(string.Create(CultureInfo.InvariantCulture, $"Applied {migration.Version} {migration.Description} in {(long)elapsed.TotalMilliseconds} ms"));
            done.Add(new AppliedMigration(migration.Version, migration.Description, migration.Source, elapsed));
        }

        if (outcome.Failure is { } failure)
        {
            Announce(outcome.Applied.Count + 1);
            throw Failed(pending[start + outcome.Applied.Count], failure, done);
        }

        return outcome.Applied.Count > 0
            ? outcome.Applied.Count
            : throw new InvalidOperationException("A group of migrations applied none and reported no failure.");
    }

    /// <summary>Null when another applier got there first (found inside our transaction).</summary>
    private async Task<AppliedMigration?> ApplyOneAsync(
        IMigrationDatabase database, ScriptMigration migration, List<AppliedMigration> done, bool durable, CancellationToken cancellationToken)
    {
        Report($"Applying {migration.Version} {migration.Description} ({migration.Source})");
        var transaction = await database.BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (!database.HoldsRunLock)
            {
                // The engine's lock is held from here on; the history read before it may be stale.
                var existing = await transaction.FindAsync(migration.NormalizedVersion, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    if (existing.Checksum != migration.Checksum)
                    {
                        throw ChecksumMismatch([(migration, existing)]);
                    }

                    Report($"Skipped {migration.Version}: another process applied it meanwhile");
                    return null;
                }
            }

            try
            {
                var row = new HistoryRow(migration.NormalizedVersion, migration.Description, migration.Checksum, null, options.AppliedBy, 0);
                var elapsed = await transaction.ApplyAsync(migration.Body, row, durable, cancellationToken).ConfigureAwait(false);
                Report(string.Create(CultureInfo.InvariantCulture, $"Applied {migration.Version} {migration.Description} in {(long)elapsed.TotalMilliseconds} ms"));
                return new AppliedMigration(migration.Version, migration.Description, migration.Source, elapsed);
            }
            catch (StatementFailedException ex)
            {
                throw Failed(migration, ex, done);
            }
        }
    }

    /// <summary>
    /// <c>transaction=none</c>: the body runs with each statement committed on its own (e.g. CREATE INDEX CONCURRENTLY),
    /// then the history row is recorded in a transaction of its own. A failure cannot be rolled back, and says so.
    /// Null when another applier got there first.
    /// </summary>
    private async Task<AppliedMigration?> ApplyOutsideTransactionAsync(
        IMigrationDatabase database, ScriptMigration migration, List<AppliedMigration> done, CancellationToken cancellationToken)
    {
        Report($"Applying {migration.Version} {migration.Description} ({migration.Source}) outside a transaction (transaction=none)");
        if (!database.HoldsRunLock && await FindAsync(database, migration, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await database.ExecuteWithoutTransactionAsync(migration.Body, cancellationToken).ConfigureAwait(false);
        }
        catch (StatementFailedException ex)
        {
            throw NotTransactionalFailed(migration, ex, done);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        var transaction = await database.BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                // SQLite has no run-wide lock: another applier may have run the same body meanwhile and recorded it.
                if (database.HoldsRunLock || await transaction.FindAsync(migration.NormalizedVersion, cancellationToken).ConfigureAwait(false) is null)
                {
                    var row = new HistoryRow(
                        migration.NormalizedVersion, migration.Description, migration.Checksum, DateTimeOffset.UtcNow,
                        options.AppliedBy, (long)elapsed.TotalMilliseconds);
                    await transaction.InsertAsync(row, cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (StatementFailedException ex)
            {
                throw new MigrationException(
                    MigrationErrors.MigrationFailed,
                    $"Migration {migration.Version} '{migration.Description}' ran (outside a transaction, transaction=none) but recording it in " +
                    $"{ScriptFormat.HistoryTable} failed: {ex.Message} Its changes stay; insert its history row by hand " +
                    $"(version '{migration.NormalizedVersion}', checksum '{migration.Checksum}') or make it idempotent and run again.",
                    migration.Source,
                    line: null,
                    migration.Version,
                    ex.InnerException ?? ex);
            }
        }

        Report(string.Create(CultureInfo.InvariantCulture, $"Applied {migration.Version} {migration.Description} in {(long)elapsed.TotalMilliseconds} ms"));
        return new AppliedMigration(migration.Version, migration.Description, migration.Source, elapsed);
    }

    /// <summary>True when the history already has the migration (checked in a transaction of its own, under the engine's lock).</summary>
    private async Task<bool> FindAsync(IMigrationDatabase database, ScriptMigration migration, CancellationToken cancellationToken)
    {
        var transaction = await database.BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var existing = await transaction.FindAsync(migration.NormalizedVersion, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return false;
            }

            if (existing.Checksum != migration.Checksum)
            {
                throw ChecksumMismatch([(migration, existing)]);
            }

            Report($"Skipped {migration.Version}: another process applied it meanwhile");
            return true;
        }
    }

    /// <summary>The prologue, then the history it leaves (null: the prologue made no history table).</summary>
    private async Task<IReadOnlyList<HistoryRow>?> RunPrologueAsync(IMigrationDatabase database, CancellationToken cancellationToken)
    {
        try
        {
            return await database.RunPrologueAsync(Script.Prologue, cancellationToken).ConfigureAwait(false);
        }
        catch (StatementFailedException ex)
        {
            throw new MigrationException(
                MigrationErrors.MigrationFailed,
                $"The prologue of migration script '{Script.Name}' failed: {ex.Message} Nothing was applied.",
                Script.Name,
                Script.PrologueLine + (ex.Line ?? 1) - 1,
                innerException: ex.InnerException ?? ex);
        }
    }

    private void VerifyChecksums(Dictionary<string, HistoryRow> applied)
    {
        var edited = Script.Migrations
            .Where(m => applied.TryGetValue(m.NormalizedVersion, out var row) && row.Checksum != m.Checksum)
            .Select(m => (m, applied[m.NormalizedVersion]))
            .ToList();
        if (edited.Count > 0)
        {
            throw ChecksumMismatch(edited);
        }
    }

    private List<MigrationWarning> CheckUnknownApplied(IReadOnlyList<HistoryRow> history)
    {
        var unknown = Unknown(history).ToList();
        if (unknown.Count == 0)
        {
            return [];
        }

        var list = string.Join(", ", unknown.Select(r => $"{r.NormalizedVersion} '{r.Description}'"));
        var detail = $"The database of datastore '{Script.Datastore}' has {unknown.Count} applied migration{(unknown.Count == 1 ? "" : "s")} " +
            $"this build does not know: {list}. A newer build probably applied them; this build leaves them as they are. " +
            "Deploy the newer build, or restore its migration files if they were deleted.";
        if (options.FailOnUnknownApplied)
        {
            throw new MigrationException(MigrationErrors.UnknownApplied, detail + " Nothing was applied (FailOnUnknownApplied is set).");
        }

        var warning = new MigrationWarning(MigrationErrors.UnknownApplied, detail);
        Report(warning.Message);
        return [warning];
    }

    private IEnumerable<HistoryRow> Unknown(IReadOnlyList<HistoryRow> history)
    {
        var known = Script.Migrations.Select(m => m.NormalizedVersion).ToHashSet(StringComparer.Ordinal);
        return history.Where(r => !known.Contains(r.NormalizedVersion))
            .OrderBy(r => r.NormalizedVersion, Comparer<string>.Create(MigrationVersion.Compare));
    }

    private static MigrationException ChecksumMismatch(List<(ScriptMigration Migration, HistoryRow Row)> edited)
    {
        var (migration, row) = edited[0];
        var others = edited.Count == 1
            ? string.Empty
            : " Also edited: " + string.Join(", ", edited.Skip(1).Select(e => $"{e.Migration.Version} ({e.Migration.Source})")) + ".";
        return new MigrationException(
            MigrationErrors.ChecksumMismatch,
            $"Migration {migration.Version} '{migration.Description}' was applied with checksum {row.Checksum}, " +
            $"but this build's copy has checksum {migration.Checksum}: an applied migration was edited.{others} " +
            "Nothing was applied. Revert the edit and put the change in a new migration.",
            migration.Source,
            line: null,
            migration.Version);
    }

    private static MigrationException Failed(ScriptMigration migration, StatementFailedException ex, List<AppliedMigration> done)
    {
        var earlier = done.Count switch
        {
            0 => ".",
            1 => $"; {done[0].Version}, applied earlier in this run, stays applied.",
            _ => $"; {string.Join(", ", done.Select(d => d.Version))}, applied earlier in this run, stay applied.",
        };
        return new MigrationException(
            MigrationErrors.MigrationFailed,
            $"Migration {migration.Version} '{migration.Description}' failed: {ex.Message} The database is as it was before {migration.Version}{earlier}",
            migration.Source,
            ex.Line,
            migration.Version,
            ex.InnerException ?? ex);
    }

    private static MigrationException NotTransactionalFailed(ScriptMigration migration, StatementFailedException ex, List<AppliedMigration> done)
    {
        var at = ex.Line is int line ? string.Create(CultureInfo.InvariantCulture, $"line {line}") : "the failing statement";
        var earlier = done.Count == 0 ? string.Empty : $" Migrations applied earlier in this run ({string.Join(", ", done.Select(d => d.Version))}) stay applied.";
        return new MigrationException(
            MigrationErrors.MigrationFailed,
            $"Migration {migration.Version} '{migration.Description}' failed: {ex.Message} It is not transactional (transaction=none), so it was not " +
            $"rolled back: the statements before {at} were committed and it may be partially applied; it is not recorded as applied. " +
            $"Check the database, repair or finish it by hand (a failed CREATE INDEX CONCURRENTLY leaves an INVALID index to drop), " +
            $"or make its statements idempotent, then run again.{earlier}",
            migration.Source,
            ex.Line,
            migration.Version,
            ex.InnerException ?? ex);
    }

    private void Report(string line) => options.Progress?.Invoke(line);
}
