using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Company.Service1.Data;

/// <summary>Healthy when the database opens and its migration history is readable, i.e. the schema was applied.</summary>
public sealed class MainDatabaseHealthCheck(MainDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM strata_schema_history";
            var applied = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return HealthCheckResult.Healthy($"{applied} migration(s) applied");
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The main database is not reachable or not migrated.", ex);
        }
    }
}
