using Strata.Migrations.Postgres;
using Strata.Migrations.Script;

namespace Strata.Migrations.Tests;

/// <summary>
/// The test assembly's entry point. Under the test runner it is never called; the crash test starts this assembly as
/// a child process (<c>dotnet Strata.Migrations.Tests.dll apply-postgres &lt;script&gt;</c>, connection string in
/// STRATA_TEST_CONNECTION) and kills it in the middle of a migration.
/// </summary>
public static class Program
{
    public const string ApplyPostgres = "apply-postgres";
    public const string ConnectionVariable = "STRATA_TEST_CONNECTION";

    public static async Task<int> Main(string[] args)
    {
        if (args is not [ApplyPostgres, var scriptPath])
        {
            await Console.Error.WriteLineAsync($"usage: {ApplyPostgres} <script> (connection string in {ConnectionVariable})");
            return 2;
        }

        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable) ?? throw new InvalidOperationException(ConnectionVariable + " is not set.");
        var script = MigrationScript.Parse(await File.ReadAllTextAsync(scriptPath), scriptPath);
        var migrator = PostgresMigrator.Create(connectionString, script, new() { Progress = Console.WriteLine });
        await migrator.ApplyAsync();
        return 0;
    }
}
