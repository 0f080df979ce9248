using Npgsql;
using Strata.Migrations.Engine;
using Strata.Migrations.Script;

namespace Strata.Migrations.Postgres;

/// <summary>
/// Several consecutive transactional migrations as one pipelined batch, each in a transaction of its own:
/// <c>BEGIN; m1's statements; m1's history INSERT [RETURNING ..., set_config('synchronous_commit', 'off', true)]; COMMIT; BEGIN; m2 ...; COMMIT</c>,
/// with a single Sync at the end. BEGIN and COMMIT are commands of the batch (no <see cref="NpgsqlTransaction"/>): a
/// migration's COMMIT runs before the next migration's BEGIN, so what committed stays committed whatever follows. After
/// a failure the server skips everything up to the Sync: the failing migration's transaction is left aborted (the
/// runtime sends ROLLBACK), or, for a failure at its COMMIT, already rolled back; the migrations before it committed,
/// those after it never ran. The failing command is named from the same execution
/// (<see cref="PostgresStatementRunner.FailedIndex"/>) and mapped back to its migration and statement.
/// </summary>
internal static class PostgresMigrationGroup
{
    /// <summary>Bounds of one batch: enough to make round trips negligible, small enough to keep a batch's memory modest.</summary>
    internal const int MaxMigrations = 64;

    internal const int MaxCommands = 2000;

    internal const int MaxSqlChars = 256 * 1024;

    private const string DurationColumn = "strata_duration_ms";

    private enum Kind
    {
        Begin,
        Statement,
        Insert,
        Commit,
    }

    public static async Task<GroupOutcome> ApplyAsync(
        PostgresMigrationDatabase database, IReadOnlyList<GroupedMigration> candidates, Action<int> sending, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch(database.Connection) { Timeout = 0 }; // statement_timeout bounds each statement
        await using (batch.ConfigureAwait(false))
        {
            // For each command of the batch: its migration, what it is, and (for a body statement) which one.
            var slots = new List<(int Migration, Kind Kind, int Statement)>();
            var statementsOf = new List<List<PostgresStatement>>();
            StatementFailedException? refused = null;
            var chars = 0;
            for (var m = 0; m < candidates.Count; m++)
            {
                var candidate = candidates[m];
                if (m > 0 && (m >= MaxMigrations || chars + candidate.Body.Length > MaxSqlChars))
                {
                    break;
                }

                List<PostgresStatement> statements;
                try
                {
                    statements = PostgresStatementRunner.Split(candidate.Body);
                }
                catch (StatementFailedException ex)
                {
                    // Transaction control in the body: refused before it runs; the migrations before it still go.
                    refused = ex;
                    break;
                }

                if (m > 0 && slots.Count + statements.Count + 4 > MaxCommands)
                {
                    break;
                }

                chars += candidate.Body.Length;
                statementsOf.Add(statements);
                Add(batch, slots, new NpgsqlBatchCommand("BEGIN"), m, Kind.Begin);
                for (var s = 0; s < statements.Count; s++)
                {
                    Add(batch, slots, new NpgsqlBatchCommand(candidate.Body[statements[s].Start..statements[s].End]), m, Kind.Statement, s);
                }

                // A migration but the run's last also turns synchronous_commit off for its own transaction (the same as SET
                // LOCAL, read at COMMIT) in the INSERT's RETURNING: one command fewer per migration. The run's final
                // migration commits durably and flushes the others too.
                var returning = candidate.Durable ? $" RETURNING duration_ms AS {DurationColumn}" : $" RETURNING duration_ms AS {DurationColumn}, {PostgresMigrationTransaction.AsyncCommit}";
                Add(batch, slots, PostgresMigrationTransaction.HistoryInsert(candidate.Row, PostgresMigrationTransaction.ServerDurationMs, returning), m, Kind.Insert);

                Add(batch, slots, new NpgsqlBatchCommand("COMMIT"), m, Kind.Commit);
            }

            var count = statementsOf.Count;
            if (count == 0)
            {
                return new GroupOutcome([], refused);
            }

            sending(count);
            var durations = new List<TimeSpan>(count);
            try
            {
                var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    do
                    {
                        // The history INSERTs' RETURNING, in migration order; a body's own SELECTs are skipped.
                        if (reader.FieldCount is 1 or 2 && reader.GetName(0) == DurationColumn && (reader.FieldCount == 1 || reader.GetName(1) == PostgresMigrationTransaction.AsyncCommitColumn))
                        {
                            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                            {
                                durations.Add(TimeSpan.FromMilliseconds(reader.GetInt64(0)));
                            }
                        }
                    }
                    while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
                }
            }
            catch (PostgresException ex) when (!cancellationToken.IsCancellationRequested && !PostgresMigrationDatabase.IsUnavailable(ex))
            {
                var failed = PostgresStatementRunner.FailedIndex(batch, ex);
                var (migration, kind, statement) = failed >= 0 ? slots[failed] : (Committed(batch, slots, count), Kind.Begin, -1);
                if (kind != Kind.Commit)
                {
                    // The failing migration's transaction is aborted, not ended (a failed COMMIT has ended it: rolled back).
                    await database.RollbackQuietlyAsync().ConfigureAwait(false);
                }

                var statements = statementsOf[migration];
                var body = candidates[migration].Body;
                var failure = kind switch
                {
                    Kind.Statement => PostgresStatementRunner.Failed(body, statements[statement], ex, database),
                    Kind.Insert => new StatementFailedException(null, $"Recording it in {ScriptFormat.HistoryTable} failed: {ex.SqlState}: {ex.MessageText.TrimEnd('.')}.", ex),

                    // A deferred constraint fails here and is the migration's fault; the server has rolled back already.
                    Kind.Commit => new StatementFailedException(null, $"COMMIT failed: {ex.SqlState}: {ex.MessageText.TrimEnd('.')}.", ex),

                    // Not expected (see FailedIndex); the server's message still says what went wrong.
                    _ => new StatementFailedException(
                        statements.Count > 0 ? statements[0].Line : null,
                        $"{ex.SqlState}: {ex.MessageText.TrimEnd('.')} (the failing statement could not be identified).",
                        ex),
                };
                return new GroupOutcome(durations.Take(migration).ToList(), failure);
            }
            catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
            {
                await database.RollbackQuietlyAsync().ConfigureAwait(false);
                throw database.Unavailable("apply migrations to", ex);
            }
            catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException)
            {
                // Cancelled: the migration that was running is rolled back; those that committed before it stay.
                await database.RollbackQuietlyAsync().ConfigureAwait(false);
                throw;
            }

            if (durations.Count != count)
            {
                throw new InvalidOperationException($"The group of {count} migrations returned {durations.Count} history rows.");
            }

            return new GroupOutcome(durations, refused);
        }
    }

    private static void Add(NpgsqlBatch batch, List<(int, Kind, int)> slots, NpgsqlBatchCommand command, int migration, Kind kind, int statement = -1)
    {
        batch.BatchCommands.Add(command);
        slots.Add((migration, kind, statement));
    }

    /// <summary>How many of the batch's migrations committed (their COMMIT completed), at most the last one's index.</summary>
    private static int Committed(NpgsqlBatch batch, List<(int Migration, Kind Kind, int Statement)> slots, int count)
    {
        var committed = 0;
        for (var i = 0; i < slots.Count; i++)
        {
            if (slots[i].Kind == Kind.Commit && batch.BatchCommands[i].StatementType != StatementType.Unknown)
            {
                committed++;
            }
        }

        return Math.Min(committed, count - 1);
    }
}
