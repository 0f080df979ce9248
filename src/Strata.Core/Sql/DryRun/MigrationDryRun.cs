using System.Globalization;
using Npgsql;
using Strata.Core.Catalog;
using Strata.Core.Diagnostics;
using Strata.Migrations.Engine;
using Strata.Migrations.Errors;
using Strata.Migrations.Postgres;
using Strata.Migrations.Script;
using Strata.Migrations.Sqlite;

namespace Strata.Core.Sql.DryRun;

/// <summary>
/// The seed's CI step, at build time: apply a datastore's pending migrations to a real database without changing it.
/// PostgreSQL: inside one transaction that is rolled back; when a pending migration must run outside a transaction
/// (CREATE INDEX CONCURRENTLY), the whole chain runs on a scratch database that is dropped afterwards. SQLite: on a
/// copy of the database file (or an empty one). A failing statement is reported at its migration's file and line.
/// </summary>
public static class MigrationDryRun
{
    public sealed record Outcome(IReadOnlyList<Diagnostic> Diagnostics, string? Summary);

    /// <summary>
    /// Where the dry run of a datastore connects: STRATA_DRYRUN_CONNECTION__&lt;name&gt;, then ConnectionStrings__&lt;name&gt;
    /// (what the service itself reads, so CI sets it once), then the StrataDryRunConnection property.
    /// </summary>
    public static string? ConnectionFor(string datastore, string? property, Func<string, string?> environment) =>
        NonEmpty(environment("STRATA_DRYRUN_CONNECTION__" + datastore)) ?? NonEmpty(environment("ConnectionStrings__" + datastore)) ?? NonEmpty(property);

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public static async Task<Outcome> RunAsync(string scriptText, string scriptName, EngineDescriptor engine, string? connectionString, string projectDirectory, CancellationToken cancellationToken)
    {
        MigrationScript script;
        try
        {
            script = MigrationScript.Parse(scriptText, scriptName);
        }
        catch (MigrationException ex)
        {
            return Failed(script: null, scriptName, ex);
        }

        try
        {
            if (engine == EngineCatalog.Postgres)
            {
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    return new Outcome([DiagnosticCatalog.DryRunNoConnection.Create(new SourceLocation(""), script.Datastore, engine.Id)], null);
                }

                return await PostgresAsync(script, connectionString, cancellationToken).ConfigureAwait(false);
            }

            return await SqliteAsync(script, connectionString, projectDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (MigrationException ex)
        {
            return Failed(script, scriptName, ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new Outcome([DiagnosticCatalog.DryRunNotPossible.Create(new SourceLocation(""), script.Datastore, ex.Message.TrimEnd('.') + ".")], null);
        }
    }

    private static async Task<Outcome> PostgresAsync(MigrationScript script, string connectionString, CancellationToken cancellationToken)
    {
        var migrator = PostgresMigrator.Create(connectionString, script);
        var status = await migrator.StatusAsync(cancellationToken).ConfigureAwait(false);
        var pending = status.Where(s => s.State == MigrationState.Pending).Select(s => s.Version).ToHashSet(StringComparer.Ordinal);
        if (!script.Migrations.Any(m => pending.Contains(m.Version) && !m.Transactional))
        {
            var result = await migrator.DryRunAsync(cancellationToken).ConfigureAwait(false);
            return Succeeded(script, result, "in a transaction that was rolled back");
        }

        // CREATE DATABASE needs no other session on its template, so the chain runs from empty on a fresh database.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var scratch = "strata_dryrun_" + Guid.NewGuid().ToString("N")[..12];
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{scratch}\"", connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            builder.Database = scratch;
            builder.Pooling = false;
            var result = await PostgresMigrator.Create(builder.ConnectionString, script).ApplyAsync(cancellationToken).ConfigureAwait(false);
            return Succeeded(script, result, "on a scratch database created and dropped for it (a pending migration runs outside a transaction)");
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{scratch}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<Outcome> SqliteAsync(MigrationScript script, string? connectionString, string projectDirectory, CancellationToken cancellationToken)
    {
        var copy = Path.Combine(Path.GetTempPath(), $"strata-dryrun-{Guid.NewGuid():N}.db");
        var source = SqliteFile(connectionString, projectDirectory);
        try
        {
            if (source is not null && File.Exists(source))
            {
                File.Copy(source, copy);
            }

            var result = await SqliteMigrator.Create($"Data Source={copy};Pooling=False", script).ApplyAsync(cancellationToken).ConfigureAwait(false);
            return Succeeded(script, result, source is not null && File.Exists(source) ? $"on a copy of {Path.GetFileName(source)}" : "on an empty database");
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static string? SqliteFile(string? connectionString, string projectDirectory)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        return Path.GetFullPath(Path.Combine(projectDirectory, dataSource));
    }

    private static Outcome Succeeded(MigrationScript script, MigrationResult result, string how) => new([], string.Create(CultureInfo.InvariantCulture,
        $"dry run {script.Datastore} ({script.Engine}): {result.Applied.Count} pending migration{(result.Applied.Count == 1 ? "" : "s")} applied cleanly {how}, in {(long)result.Duration.TotalMilliseconds} ms"));

    private static Outcome Failed(MigrationScript? script, string scriptName, MigrationException ex)
    {
        var location = ex.SourceFile is { } file && file != scriptName
            ? SourceLocation.At(file, ex.Line ?? 1, 1)
            : new SourceLocation(scriptName, ex.Line ?? 0, ex.Line is null ? 0 : 1);
        var descriptor = ex.Code == MigrationErrors.MigrationFailed.Code ? DiagnosticCatalog.DryRunFailed : DiagnosticCatalog.DryRunNotPossible;
        var message = descriptor == DiagnosticCatalog.DryRunFailed ? ex.Detail : $"{ex.Code}: {ex.Detail}";
        return new Outcome([descriptor == DiagnosticCatalog.DryRunFailed
            ? descriptor.Create(location, message)
            : descriptor.Create(location, script?.Datastore ?? scriptName, message)], null);
    }
}
