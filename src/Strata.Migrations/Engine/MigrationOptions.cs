namespace Strata.Migrations.Engine;

/// <summary>Knobs of a run; the defaults suit a service applying its own migrations at start-up.</summary>
public sealed class MigrationOptions
{
    /// <summary>How long to wait for another writer (another replica applying the same migrations) before STRATA5006.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Turns STRATA5005 (the database has migrations this build does not know) from a warning into an error.</summary>
    public bool FailOnUnknownApplied { get; init; }

    /// <summary>Receives one line per step ("Applying 0002 add due ..."); the library has no logging dependency.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Recorded in the history table's applied_by column; defaults to <see cref="Environment.UserName"/>.</summary>
    public string? AppliedBy { get; init; }
}
