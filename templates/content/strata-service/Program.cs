using Company.Service1.Data;
using Company.Service1.Todos;
using Strata.Migrations.Cli;
using Strata.Migrations.Errors;
using Strata.Migrations.Script;
using Strata.Migrations.Sqlite;

var builder = WebApplication.CreateBuilder(args);

// The connection string comes from configuration (appsettings.json, or ConnectionStrings__main in the environment).
var connectionString = builder.Configuration.GetConnectionString("main")
    ?? throw new InvalidOperationException("ConnectionStrings:main is not configured.");
var mainDatabase = new MainDatabase(connectionString, builder.Environment.ContentRootPath);

// `dotnet run -- migrate` applies pending migrations and exits; `dotnet run -- migrate status` lists them.
if (MigrationCommand.Handles(args))
{
    return await MigrationCommand.RunAsync(
        args,
        () => SqliteMigrator.Create(mainDatabase.ConnectionString, MigrationScript.FromEmbeddedResource(typeof(Program).Assembly, "main")),
        Console.Out,
        Console.Error);
}

builder.Services.AddSingleton(mainDatabase);
builder.Services.AddHealthChecks().AddCheck<MainDatabaseHealthCheck>("main");
builder.Services.AddProblemDetails();

var app = builder.Build();

// The script Strata.Sdk generated from db/main/migrations at build time is embedded in this assembly.
if (app.Configuration.GetValue("Strata:ApplyMigrationsAtStartup", defaultValue: true))
{
    try
    {
        var result = await SqliteMigrator.ApplyEmbeddedAsync(mainDatabase.ConnectionString, typeof(Program).Assembly, "main");
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

app.UseExceptionHandler();
app.MapHealthChecks("/health");
app.MapTodoEndpoints();

await app.RunAsync();
return 0;
