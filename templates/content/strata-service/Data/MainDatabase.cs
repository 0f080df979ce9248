using Microsoft.Data.Sqlite;

namespace Company.Service1.Data;

/// <summary>
/// Opens connections to the "main" datastore (SQLite). A relative file in the connection string is resolved against
/// the content root rather than the working directory, so `dotnet run` and a published service use the same file.
/// </summary>
public sealed class MainDatabase
{
    public MainDatabase(string connectionString, string contentRoot)
    {
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        ConnectionString = builder.ToString();
    }

    public string ConnectionString { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
