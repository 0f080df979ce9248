using Company.Service1.Data;
//#if (UseMongodb || UseNeo4j || UseElasticsearch || UseChroma || UseQdrant || UseRedis)
using Company.Service1.Data.Probes;
//#endif
//#if (HasSql)
using Company.Service1.Todos;
//#endif
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
//#if (HasSql)
using Microsoft.Extensions.Diagnostics.HealthChecks;
//#endif
using Strata.Hosting;
using Strata.Migrations.Cli;
//#if (HasSql || UseNeo4j || UseElasticsearch || UseChroma || UseQdrant)
using Strata.Migrations.Errors;
//#endif

var builder = WebApplication.CreateBuilder(args);
//#if (UseCompose)
// In development the stores' secrets come from .env, the file compose.yaml reads; exported variables still win.
builder.Configuration.AddDotEnvInDevelopment(builder.Environment);
//#endif
//#if (HasSql)
var datastores = Datastores.Create(builder.Configuration, builder.Environment);

// `dotnet run -- migrate` applies pending migrations of every datastore and exits; `migrate status` lists them.
if (MigrationCommand.Handles(args))
{
    foreach (var datastore in datastores.All)
    {
        var exitCode = await MigrationCommand.RunAsync(args, datastore.Migrator, Console.Out, Console.Error);
        if (exitCode != MigrationCommand.Success)
        {
            return exitCode;
        }
    }
//#if (UseNeo4j || UseElasticsearch || UseChroma || UseQdrant)

    // A plain `migrate` also applies the schema files of the stores with an HTTP API (status and down are SQL only).
    if (args.Length == 1)
    {
        return await ApplyStoreSchemasAsync(builder.Configuration, Console.Out.WriteLine, Console.Error.WriteLine);
    }
//#endif

    return MigrationCommand.Success;
}

builder.Services.AddSingleton(datastores);
var health = builder.Services.AddHealthChecks();
foreach (var datastore in datastores.All)
{
    health.Add(new HealthCheckRegistration(datastore.Name, _ => new DatastoreHealthCheck(datastore.DataSource), failureStatus: null, tags: null));
}
//#else
// `dotnet run -- migrate` is accepted, so one deployment job fits every service, but there is nothing to apply.
if (MigrationCommand.Handles(args))
{
//#if (UseNeo4j || UseElasticsearch || UseChroma || UseQdrant)
    // No SQL migrations; the schema files of the stores with an HTTP API are applied (status and down are SQL only).
    return args.Length == 1 ? await ApplyStoreSchemasAsync(builder.Configuration, Console.Out.WriteLine, Console.Error.WriteLine) : MigrationCommand.Success;
//#else
    Console.WriteLine("This service has no SQL datastore: there are no migrations to apply.");
    return MigrationCommand.Success;
//#endif
}

var health = builder.Services.AddHealthChecks();
//#endif
//#if (UseMongodb || UseNeo4j || UseElasticsearch || UseChroma || UseQdrant || UseRedis)
health.AddStoreHealthChecks(builder.Configuration);
//#endif

builder.Services.AddProblemDetails();
builder.Services.AddSingleton<PrometheusMetrics>();

var app = builder.Build();
//#if (HasSql)

// Each datastore's script was generated from db/<name>/migrations at build time and is embedded in this assembly.
if (app.Configuration.GetValue("Strata:ApplyMigrationsAtStartup", defaultValue: true))
{
    foreach (var datastore in datastores.All)
    {
        try
        {
            var result = await datastore.Migrator().ApplyAsync();
            app.Logger.LogInformation("{Summary}", result.Summary);
            foreach (var warning in result.Warnings)
            {
                app.Logger.LogWarning("{Warning}", warning.Message);
            }
        }
        catch (MigrationException ex)
        {
            app.Logger.LogCritical("{Error}", ex.Message);
            return 1;
        }
    }
}
//#endif
//#if (UseNeo4j || UseElasticsearch || UseChroma || UseQdrant)

// The schema files of the stores with an HTTP API (db/<name>/schema), embedded by the build like the SQL scripts.
// Strata:ApplyStoreSchemasAtStartup=false leaves them to `migrate` (a deployment job, say).
if (app.Configuration.GetValue("Strata:ApplyStoreSchemasAtStartup", defaultValue: true) &&
    await ApplyStoreSchemasAsync(
        app.Configuration, message => app.Logger.LogInformation("{Summary}", message), message => app.Logger.LogCritical("{Error}", message)) != 0)
{
    return 1;
}
//#endif

app.UseExceptionHandler();
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
app.MapPrometheusMetrics();
//#if (HasSql)
app.MapTodoEndpoints();
//#endif

await app.RunAsync();
return 0;
//#if (UseNeo4j || UseElasticsearch || UseChroma || UseQdrant)

// A failure is one line naming the store, the file and what failed (STRATA51xx), never a stack trace.
static async Task<int> ApplyStoreSchemasAsync(IConfiguration configuration, Action<string> log, Action<string> error)
{
    try
    {
        await StoreSchemas.ApplyAsync(configuration, log, CancellationToken.None);
        return MigrationCommand.Success;
    }
    catch (Exception ex) when (ex is MigrationException or InvalidOperationException)
    {
        error(ex.Message);
        return MigrationCommand.Failure;
    }
}
//#endif
