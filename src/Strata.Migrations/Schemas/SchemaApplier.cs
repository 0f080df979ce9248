using System.Diagnostics;
using System.Globalization;
using Strata.Migrations.Engine;
using Strata.Migrations.Errors;
using Strata.Migrations.Schemas.Http;
using Strata.Migrations.Script;

namespace Strata.Migrations.Schemas;

/// <summary>
/// Applies a <see cref="SchemaBundle"/> to one store, the same way for every engine: read the store's history; verify
/// every applied file's checksum and parse every pending file before any change (STRATA5101, STRATA5106: only reads
/// were sent); then apply the pending files in version order, each followed by its history record. A store that has
/// everything gets reads only. These stores have no transactions spanning several requests: a file that fails half
/// way is not recorded, and what its earlier requests changed stays (the requests are idempotent: create-or-update),
/// so the next run applies the file again from its start.
/// </summary>
public abstract class SchemaApplier : IDisposable
{
    private protected SchemaApplier(string engine, SchemaApplierOptions? options)
    {
        Engine = engine;
        Options = options ?? new SchemaApplierOptions();
    }

    /// <summary>The engine id this applier serves, as the bundle names it.</summary>
    public string Engine { get; }

    private protected SchemaApplierOptions Options { get; }

    private protected abstract StoreClient Client { get; }

    public async Task<SchemaApplyResult> ApplyAsync(SchemaBundle bundle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        if (!string.Equals(bundle.Engine, Engine, StringComparison.OrdinalIgnoreCase))
        {
            throw new MigrationException(
                MigrationErrors.MalformedSchemaBundle,
                $"The schema bundle of datastore '{bundle.Datastore}' is for engine '{bundle.Engine}', not {Engine}: use SchemaAppliers.ApplyAsync, which picks the applier from the bundle.");
        }

        var clock = Stopwatch.StartNew();
        var files = bundle.Files.OrderBy(f => f.Version, Comparer<string>.Create(MigrationVersion.Compare)).ToList();
        foreach (var file in files)
        {
            if (MigrationChecksum.Compute(file.Content) != file.Checksum)
            {
                throw SchemaJson.Malformed(file, "its content does not match its checksum in the bundle");
            }
        }

        var history = await Read("read the schema history of", ReadHistoryAsync, cancellationToken).ConfigureAwait(false);
        var applied = new Dictionary<string, SchemaHistoryEntry>(StringComparer.Ordinal);
        foreach (var entry in history)
        {
            applied.TryAdd(MigrationVersion.Normalize(entry.Version), entry);
        }

        var skipped = new List<string>();
        var pending = new List<SchemaBundleFile>();
        foreach (var file in files)
        {
            if (!applied.TryGetValue(MigrationVersion.Normalize(file.Version), out var entry))
            {
                pending.Add(file);
                continue;
            }

            if (!string.Equals(entry.Checksum, file.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new MigrationException(
                    MigrationErrors.SchemaFileEdited,
                    $"Schema file {file.Version} '{file.Description}' was applied to {Client.Where} on {entry.AppliedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC " +
                    $"with checksum {entry.Checksum}, and has been edited since (checksum now {file.Checksum}). Nothing was changed. " +
                    "Restore the file as it was applied and put the change in a new schema file.",
                    file.Path,
                    line: null,
                    file.Version);
            }

            skipped.Add(file.Version);
        }

        var warnings = UnknownApplied(bundle, files, applied);
        var plans = pending.Select(f => (File: f, Plan: Prepare(f))).ToList();

        var done = new List<AppliedMigration>();
        if (plans.Count > 0)
        {
            await Read("create the schema history in", EnsureHistoryAsync, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (file, plan) in plans)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Options.Progress?.Invoke($"Applying {file.Version} '{file.Description}' ({file.Path})");
            var started = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            await Apply(file, done, "failed", ct => ApplyFileAsync(file, plan, ct), cancellationToken).ConfigureAwait(false);
            watch.Stop();
            var entry = new SchemaHistoryEntry(MigrationVersion.Normalize(file.Version), file.Description, file.Checksum, started, (long)watch.Elapsed.TotalMilliseconds);
            await Apply(file, done, "was applied but could not be recorded in the schema history", ct => RecordAsync(entry, ct), cancellationToken).ConfigureAwait(false);
            done.Add(new AppliedMigration(file.Version, file.Description, file.Path, watch.Elapsed));
            Options.Progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"Applied {file.Version} '{file.Description}' in {entry.DurationMs} ms"));
        }

        return new SchemaApplyResult(bundle.Datastore, Engine, done, skipped, warnings, clock.Elapsed);
    }

    /// <summary>The store's history of applied files (empty when it has none yet). Reads only.</summary>
    private protected abstract Task<IReadOnlyList<SchemaHistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken);

    /// <summary>Parses and checks a pending file before anything changes; throws STRATA5106 for content it cannot apply.</summary>
    private protected abstract object Prepare(SchemaBundleFile file);

    /// <summary>Creates what the history needs (an index, a collection, a constraint), when it is missing. Runs only when a file is pending.</summary>
    private protected abstract Task EnsureHistoryAsync(CancellationToken cancellationToken);

    private protected abstract Task ApplyFileAsync(SchemaBundleFile file, object plan, CancellationToken cancellationToken);

    private protected abstract Task RecordAsync(SchemaHistoryEntry entry, CancellationToken cancellationToken);

    private async Task<T> Read<T>(string what, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreCallException ex)
        {
            throw new MigrationException(MigrationErrors.StoreUnavailable, $"Could not {what} {Client.Where}: {ex.Message}. Nothing was changed.", innerException: ex);
        }
    }

    private Task<bool> Read(string what, Func<CancellationToken, Task> action, CancellationToken cancellationToken) =>
        Read(what, async ct => { await action(ct).ConfigureAwait(false); return true; }, cancellationToken);

    private static async Task Apply(SchemaBundleFile file, List<AppliedMigration> done, string verb, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        try
        {
            await action(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreCallException ex)
        {
            throw FileFailed(file, done, verb, ex.Message, ex, ex.Line);
        }
    }

    private static MigrationException FileFailed(SchemaBundleFile file, List<AppliedMigration> done, string verb, string detail, Exception inner, int? line = null)
    {
        var earlier = done.Count == 0
            ? string.Empty
            : $" {string.Join(", ", done.Select(d => d.Version))}, applied earlier in this run, stay{(done.Count == 1 ? "s" : "")} applied.";
        return new MigrationException(
            MigrationErrors.SchemaFileFailed,
            $"Schema file {file.Version} '{file.Description}' {verb}: {detail}. It is not recorded as applied; the next run applies it again from its start.{earlier}",
            file.Path,
            line,
            file.Version,
            inner);
    }

    private List<MigrationWarning> UnknownApplied(SchemaBundle bundle, List<SchemaBundleFile> files, Dictionary<string, SchemaHistoryEntry> applied)
    {
        var known = files.Select(f => MigrationVersion.Normalize(f.Version)).ToHashSet(StringComparer.Ordinal);
        var unknown = applied.Keys.Where(v => !known.Contains(v)).Order(Comparer<string>.Create(MigrationVersion.Compare)).ToList();
        if (unknown.Count == 0)
        {
            return [];
        }

        var detail = $"{Client.Where} has schema file{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown)} of datastore '{bundle.Datastore}' applied, which this build does not have " +
            "(a newer build applied them, or the files were deleted). Deploy the build that has them, or restore the files.";
        if (Options.FailOnUnknownApplied)
        {
            throw new MigrationException(MigrationErrors.UnknownAppliedSchema, detail + " Nothing was changed.");
        }

        return [new MigrationWarning(MigrationErrors.UnknownAppliedSchema, detail)];
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Client.Dispose();
        }
    }
}
