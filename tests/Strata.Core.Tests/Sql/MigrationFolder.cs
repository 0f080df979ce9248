using System.Text;

namespace Strata.Core.Tests.Sql;

/// <summary>A throwaway project with db/main/migrations; deleted on dispose.</summary>
internal sealed class MigrationFolder : IDisposable
{
    public const string Relative = "db/main/migrations";

    public string Project { get; } = Path.Combine(Path.GetTempPath(), "strata-sql-tests", Guid.NewGuid().ToString("N"));

    public MigrationFolder() => Directory.CreateDirectory(Path.Combine(Project, Relative));

    public MigrationFolder Add(string name, string text) => AddBytes(name, Encoding.UTF8.GetBytes(text));

    public MigrationFolder AddBytes(string name, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(Project, Relative, name), bytes);
        return this;
    }

    public void Dispose()
    {
        if (Directory.Exists(Project))
        {
            Directory.Delete(Project, recursive: true);
        }
    }
}
