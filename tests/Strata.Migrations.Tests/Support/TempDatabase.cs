using Microsoft.Data.Sqlite;
using Strata.Migrations.Sqlite;

namespace Strata.Migrations.Tests.Support;

/// <summary>A real SQLite file in its own temp folder, deleted afterwards; plus read-back helpers for assertions.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase(string fileName = "app.db")
    {
        SqliteRuntime.EnsureInitialized();
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "strata-migrations-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, fileName);
    }

    public string Folder { get; }

    public string Path { get; }

    /// <summary>No pooling: every connection really closes, so nothing holds the file when the folder is deleted.</summary>
    public string ConnectionString => $"Data Source={Path};Pooling=False";

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Every object's type, name and SQL, sorted: equal lists mean an unchanged schema.</summary>
    public List<string> Schema() =>
        Query("SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");

    public List<string> History() =>
        File.Exists(Path) && Query("SELECT count(*) FROM sqlite_master WHERE name = 'strata_schema_history'")[0] == "1"
            ? Query("SELECT version || ' ' || checksum FROM strata_schema_history ORDER BY CAST(version AS INTEGER)")
            : [];

    public List<string> Query(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return rows;
    }

    public void Execute(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }
}
