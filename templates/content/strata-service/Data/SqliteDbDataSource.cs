using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Company.Service1.Data;

/// <summary>
/// A DbDataSource over a SQLite file, so the service's data code is the same for every SQL engine. A relative file in
/// the connection string is resolved against the content root, not the working directory.
/// </summary>
public sealed class SqliteDbDataSource : DbDataSource
{
    private readonly string _connectionString;

    public SqliteDbDataSource(string connectionString, string contentRoot)
    {
        SQLitePCL.Batteries_V2.Init();
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        _connectionString = builder.ToString();
    }

    public override string ConnectionString => _connectionString;

    protected override DbConnection CreateDbConnection() => new SqliteConnection(_connectionString);
}
