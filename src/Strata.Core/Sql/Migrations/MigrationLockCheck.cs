using Strata.Core.Diagnostics;
using Strata.Migrations.Script;

namespace Strata.Core.Sql.Migrations;

/// <summary>Compares the migrations on disk with the lock file: released ones unchanged and present, new ones above them.</summary>
public static class MigrationLockCheck
{
    public static void Run(MigrationSet set, MigrationLock migrationLock, string lockPath, ICollection<Diagnostic> diagnostics)
    {
        var highest = migrationLock.HighestVersion;
        foreach (var migration in set.Migrations)
        {
            var entry = migrationLock.Find(migration.Version);
            if (entry is null)
            {
                if (highest is not null && MigrationVersion.Compare(migration.Version, highest) < 0)
                {
                    diagnostics.Add(DiagnosticCatalog.OutOfOrderMigration.Create(new SourceLocation(migration.RelativePath), migration.RelativePath, migration.Version, highest));
                }

                continue;
            }

            if (!IsAccepted(entry, migration.Checksum))
            {
                diagnostics.Add(DiagnosticCatalog.LockedMigrationEdited.Create(
                    SourceLocation.At(migration.RelativePath, 1, 1), migration.RelativePath, lockPath, entry.Checksum[..12], migration.Checksum[..12], migration.Version));
            }

            if (!string.Equals(entry.FileName, Path.GetFileName(migration.RelativePath), StringComparison.Ordinal))
            {
                diagnostics.Add(DiagnosticCatalog.LockedFileRenamed.Create(SourceLocation.At(lockPath, entry.Line, 1), entry.Version, entry.FileName, Path.GetFileName(migration.RelativePath)));
            }
        }

        var present = set.Migrations.Select(m => MigrationVersion.Normalize(m.Version)).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in migrationLock.Entries.Where(e => !present.Contains(MigrationVersion.Normalize(e.Version))))
        {
            diagnostics.Add(DiagnosticCatalog.LockedMigrationMissing.Create(SourceLocation.At(lockPath, entry.Line, 1), entry.Version, entry.FileName, set.Folder));
        }
    }

    public static bool IsAccepted(MigrationLock.Entry entry, string checksum) =>
        string.Equals(entry.Checksum, checksum, StringComparison.Ordinal) || entry.Accepts.Contains(checksum, StringComparer.Ordinal);

    /// <summary>
    /// The lock after releasing every current migration. An edit is recorded only for the versions in
    /// <paramref name="acceptEdits"/> (the old checksum moves to accepts=); other edits stay errors.
    /// </summary>
    public static MigrationLock Relock(MigrationSet set, MigrationLock current, IReadOnlySet<string> acceptEdits)
    {
        var entries = new List<MigrationLock.Entry>();
        foreach (var migration in set.Migrations)
        {
            var name = Path.GetFileName(migration.RelativePath);
            var old = current.Find(migration.Version);
            if (old is null || old.Checksum == migration.Checksum)
            {
                entries.Add(new MigrationLock.Entry(migration.Version, migration.Checksum, name, old?.Accepts ?? [], 0));
            }
            else if (acceptEdits.Any(v => MigrationVersion.Compare(v, migration.Version) == 0))
            {
                entries.Add(new MigrationLock.Entry(migration.Version, migration.Checksum, name, [.. old.Accepts, old.Checksum], 0));
            }
            else
            {
                entries.Add(old);
            }
        }

        return new MigrationLock(entries);
    }
}
