namespace Strata.Migrations.Engine;

public enum MigrationState
{
    /// <summary>In the script, not yet in the database.</summary>
    Pending,

    /// <summary>In the script and in the history table with the same checksum.</summary>
    Applied,

    /// <summary>Applied, but the script's body now differs (STRATA5001 on apply).</summary>
    ChecksumMismatch,

    /// <summary>In the history table but not in this build's script (STRATA5005).</summary>
    UnknownApplied,
}
