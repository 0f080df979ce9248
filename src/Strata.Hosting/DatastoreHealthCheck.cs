using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Strata.Hosting;

/// <summary>Healthy when the datastore answers and its migration history is readable, i.e. its schema was applied.</summary>
public sealed class DatastoreHealthCheck(DbDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM strata_schema_history");
            var applied = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            return HealthCheckResult.Healthy($"{applied} migration(s) applied");
        }
        catch (DbException ex)
        {
            return HealthCheckResult.Unhealthy("The datastore is not reachable or not migrated.", ex);
        }
    }
}
