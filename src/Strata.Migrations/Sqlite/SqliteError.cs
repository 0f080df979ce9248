using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Strata.Migrations.Sqlite;

/// <summary>Turns a native result code into the same exception (and message shape) Microsoft.Data.Sqlite would produce.</summary>
internal static class SqliteError
{
    public static SqliteException From(sqlite3 db, int rc)
    {
        var message = raw.sqlite3_errmsg(db).utf8_to_string();
        return new SqliteException($"SQLite Error {rc}: '{message}'.", rc, raw.sqlite3_extended_errcode(db));
    }

    /// <summary>Codes that mean "cannot get at the database" (STRATA5006) rather than "this SQL is wrong" (STRATA5002).</summary>
    public static bool IsUnavailable(int rc) => (rc & 0xFF) is
        raw.SQLITE_BUSY or raw.SQLITE_LOCKED or raw.SQLITE_READONLY or raw.SQLITE_CANTOPEN or raw.SQLITE_PERM or raw.SQLITE_NOTADB;
}
