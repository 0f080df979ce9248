using System.Diagnostics;
using Strata.Migrations.Errors;
using Strata.Migrations.Script;

namespace Strata.Migrations.Engine;

internal sealed partial class Migrator
{
    /// <summary>
    /// The CI dry run: every pending migration, in order, inside ONE transaction that is always rolled back, so the
    /// database ends exactly as it began while each statement has really run against its schema. Pending
    /// <c>transaction=none</c> migrations cannot run inside a transaction; the caller runs those on a scratch database.
    /// </summary>
    public async Task<MigrationResult> DryRunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var database = openDatabase();
        await using (database.ConfigureAwait(false))
        {
            if (!await database.OpenAsync(create: false, cancellationToken).ConfigureAwait(false))
            {
                throw new MigrationException(MigrationErrors.DatabaseUnavailable,
                    $"The dry run of datastore '{Script.Datastore}' needs an existing database; it creates nothing.");
            }

            await database.LockAsync(cancellationToken).ConfigureAwait(false);
            var history = await database.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
            var applied = (history ?? []).ToDictionary(r => r.NormalizedVersion, StringComparer.Ordinal);
            VerifyChecksums(applied);
            var warnings = CheckUnknownApplied(history ?? []);
            var pending = Script.Migrations.Where(m => !applied.ContainsKey(m.NormalizedVersion)).ToList();
            if (pending.Find(m => !m.Transactional) is { } outside)
            {
                throw new InvalidOperationException($"Migration {outside.Version} is transaction=none; a dry run in a transaction cannot include it.");
            }

            var tried = new List<AppliedMigration>();
            var transaction = await database.BeginAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (history is null)
                {
                    await ExecuteAsync(transaction, Script.Prologue, null, cancellationToken).ConfigureAwait(false);
                }

                foreach (var migration in pending)
                {
                    var started = Stopwatch.GetTimestamp();
                    await ExecuteAsync(transaction, migration.Body, migration, cancellationToken).ConfigureAwait(false);
                    await transaction.InsertAsync(
                        new HistoryRow(migration.NormalizedVersion, migration.Description, migration.Checksum, DateTimeOffset.UtcNow, options.AppliedBy, 0),
                        cancellationToken).ConfigureAwait(false);
                    tried.Add(new AppliedMigration(migration.Version, migration.Description, migration.Source, Stopwatch.GetElapsedTime(started)));
                }

                // No commit: disposing the transaction rolls every change back.
            }

            return new MigrationResult(Script.Datastore, tried, applied.Count, warnings, clock.Elapsed);
        }
    }

    private async Task ExecuteAsync(IMigrationTransaction transaction, string sql, ScriptMigration? migration, CancellationToken cancellationToken)
    {
        try
        {
            await transaction.ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        }
        catch (StatementFailedException ex)
        {
            var what = migration is null ? $"the prologue of '{Script.Name}'" : $"migration {migration.Version} '{migration.Description}'";
            throw new MigrationException(
                MigrationErrors.MigrationFailed,
                $"Dry run: {what} fails: {ex.Message} Nothing was changed: the dry run's transaction was rolled back.",
                migration?.Source ?? Script.Name,
                migration is null ? Script.PrologueLine + (ex.Line ?? 1) - 1 : ex.Line,
                migration?.Version,
                ex.InnerException ?? ex);
        }
    }
}
