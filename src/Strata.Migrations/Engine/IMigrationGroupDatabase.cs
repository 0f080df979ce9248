namespace Strata.Migrations.Engine;

/// <summary>
/// An engine that can send several consecutive transactional migrations in one round trip, each still in a transaction
/// of its own (PostgreSQL: one pipelined batch of BEGIN; body; history INSERT; COMMIT per migration). Used only under a
/// run-wide lock (<see cref="IMigrationDatabase.HoldsRunLock"/>), where the history read at the start stays true.
/// </summary>
internal interface IMigrationGroupDatabase
{
    /// <summary>
    /// Applies a prefix of <paramref name="candidates"/> (as many as the engine's bounds allow, at least one), each in its
    /// own transaction with its history row, in order. <paramref name="sending"/> is told how many go out before they do.
    /// A failure rolls back only the failing migration: those before it are committed (<see cref="GroupOutcome.Applied"/>),
    /// those after it do not run. Unavailability (STRATA5006) and cancellation are thrown; what committed before them stays.
    /// </summary>
    Task<GroupOutcome> ApplyGroupAsync(IReadOnlyList<GroupedMigration> candidates, Action<int> sending, CancellationToken cancellationToken);
}

/// <summary>A transactional migration to apply in a group; <see cref="Durable"/> false lets its commit skip the disk flush.</summary>
internal sealed record GroupedMigration(string Body, HistoryRow Row, bool Durable);

/// <summary>
/// What a group did: the migrations committed, in order, with their durations (the body's time as the server measured
/// it); and, if one failed, why: <see cref="Failure"/> is then about <c>candidates[Applied.Count]</c>, which was rolled back.
/// When <see cref="Failure"/> is null, <see cref="Applied"/> says how many of the candidates the group took.
/// </summary>
internal sealed record GroupOutcome(IReadOnlyList<TimeSpan> Applied, StatementFailedException? Failure);
