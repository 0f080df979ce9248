using Company.Service1.Data;
using Company.Service1.Todos;
using Strata.Migrations.Cli;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Strata.Migrations.Errors;

var builder = WebApplication.CreateBuilder(args);
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

    return MigrationCommand.Success;
}

builder.Services.AddSingleton(datastores);
var health = builder.Services.AddHealthChecks();
foreach (var datastore in datastores.All)
{
    health.Add(new HealthCheckRegistration(datastore.Name, _ => new DatastoreHealthCheck(datastore.DataSource), failureStatus: null, tags: null));
}

builder.Services.AddProblemDetails();

var app = builder.Build();

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

app.UseExceptionHandler();
app.MapHealthChecks("/health");
app.MapTodoEndpoints();

await app.RunAsync();
return 0;
