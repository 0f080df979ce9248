using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Strata.Migrations.Script;

/// <summary>
/// The PostgreSQL advisory lock key of a datastore, shared by the generated <c>psql</c> script and the runtime so
/// that both kinds of applier exclude each other: the first 8 bytes of SHA-256("strata:" + datastore), big-endian,
/// as a signed 64-bit integer (the <c>bigint</c> form of <c>pg_advisory_lock</c>).
/// </summary>
public static class MigrationLockKey
{
    public static long For(string datastore)
    {
        ArgumentException.ThrowIfNullOrEmpty(datastore);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("strata:" + datastore));
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }
}
