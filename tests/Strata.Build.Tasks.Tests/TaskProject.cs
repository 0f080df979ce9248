using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Strata.Build.Tasks.Tests;

/// <summary>A throwaway project folder with a valid 'main' SQLite datastore, as strata-service scaffolds it.</summary>
internal sealed class TaskProject : IDisposable
{
    public TaskProject()
    {
        Directory.CreateDirectory(Path.Combine(Root, "db/main/migrations"));
        Directory.CreateDirectory(Path.Combine(Root, "docs/data"));
        File.WriteAllText(ProjectFile, "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <Datastore Include=\"main\" Engine=\"sqlite\" />\n  </ItemGroup>\n</Project>\n");
        Write("db/main/migrations/0001_create.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\n");
        Write("docs/data/main.md", """
            ---
            datastore: main
            engine: sqlite
            owner: orders-team
            purpose: Orders for the Orders service.
            classification: internal
            pii: false
            schema:
              location: db/main/migrations
            backup:
              method: sqlite-online-backup
              schedule: daily
              rpo: P1D
              rto: PT1H
            retention:
              period: P90D
              mechanism: scheduled DELETE job
            ---
            # main (SQLite)

            ## Purpose
            Orders written by the API.

            ## Schema definition
            SQL migrations in db/main/migrations.

            ## Backup strategy
            Daily online backup with the SQLite backup API.

            ## Retention policy
            Ninety days, then a scheduled DELETE job removes them.

            """);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "strata-task-tests", Guid.NewGuid().ToString("N"));

    public string ProjectFile => Path.Combine(Root, "Service.csproj");

    public FakeBuildEngine Engine { get; } = new();

    public static ITaskItem Datastore(string name, string engine) => new TaskItem(name, new Dictionary<string, string> { ["Engine"] = engine });

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
