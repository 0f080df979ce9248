namespace Strata.Migrations.Engine;

/// <summary>Knobs of a run; the defaults suit a service applying its own migrations at start-up.</summary>
public sealed class MigrationOptions
{
    /// <summary>SQLite: how long to wait for another writer (another replica applying the same migrations) before STRATA5006.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// PostgreSQL: how long to wait for the datastore's migration lock (a session advisory lock that another replica,
    /// or <c>psql -f migrate.sql</c>, holds while it applies) before STRATA5006.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// PostgreSQL: take the session advisory lock on the connection that applies the migrations instead of on a second
    /// connection of its own, for a server or pool that serves one connection at a time (PGlite, a pool of size 1). The
    /// lock still ends with the session when the process dies; the price is that the one session carries both.
    /// </summary>
    public bool SingleConnection { get; init; }

    /// <summary>Turns STRATA5005 (the database has migrations this build does not know) from a warning into an error.</summary>
    public bool FailOnUnknownApplied { get; init; }

    /// <summary>Receives one line per step ("Applying 0002 add due ..."); the library has no logging dependency.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>
    /// Recorded in the history table's applied_by column; defaults to <see cref="Environment.UserName"/> (SQLite) or the
    /// database user, <c>current_user</c> (PostgreSQL).
    /// </summary>
    public string? AppliedBy { get; init; }
}
