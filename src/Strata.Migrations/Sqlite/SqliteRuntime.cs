using SQLitePCL;

namespace Strata.Migrations.Sqlite;

/// <summary>
/// Microsoft.Data.Sqlite.Core has no native library of its own: the e_sqlite3 bundle must be registered once per
/// process before the first connection opens. Lazy makes it idempotent and safe when appliers start in parallel.
/// </summary>
internal static class SqliteRuntime
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        Batteries_V2.Init();
        return true;
    });

    public static void EnsureInitialized() => _ = Initialized.Value;
}
