using System.Globalization;
using Company.Service1.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;

namespace Company.Service1.Todos;

/// <summary>CRUD over the todos table created by db/main/migrations/0001_create_todos.sql.</summary>
public static class TodoEndpoints
{
    private const int MaxTitleLength = 200;

    public static IEndpointRouteBuilder MapTodoEndpoints(this IEndpointRouteBuilder app)
    {
        var todos = app.MapGroup("/todos");
        todos.MapGet("/", ListAsync);
        todos.MapGet("/{id:long}", GetAsync);
        todos.MapPost("/", CreateAsync);
        todos.MapPut("/{id:long}", UpdateAsync);
        todos.MapDelete("/{id:long}", DeleteAsync);
        return app;
    }

    private static async Task<Ok<List<Todo>>> ListAsync(MainDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, done, created_at FROM todos ORDER BY id";
        var result = new List<Todo>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(Read(reader));
        }

        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<Todo>, NotFound>> GetAsync(long id, MainDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var todo = await FindAsync(connection, id, cancellationToken);
        return todo is null ? TypedResults.NotFound() : TypedResults.Ok(todo);
    }

    private static async Task<Results<Created<Todo>, ValidationProblem>> CreateAsync(TodoInput input, MainDatabase database, CancellationToken cancellationToken)
    {
        if (ValidateTitle(input.Title, required: true) is { } problem)
        {
            return problem;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO todos (title, done, created_at) VALUES ($title, $done, $createdAt); SELECT last_insert_rowid();";
        command.Parameters.AddWithValue("$title", input.Title!.Trim());
        command.Parameters.AddWithValue("$done", input.Done == true ? 1 : 0);
        command.Parameters.AddWithValue("$createdAt", DateTimeOffset.UtcNow.ToString("o", CultureInfo.InvariantCulture));
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var todo = (await FindAsync(connection, id, cancellationToken))!;
        return TypedResults.Created($"/todos/{todo.Id}", todo);
    }

    private static async Task<Results<Ok<Todo>, NotFound, ValidationProblem>> UpdateAsync(long id, TodoInput input, MainDatabase database, CancellationToken cancellationToken)
    {
        if (input.Title is not null && ValidateTitle(input.Title, required: false) is { } problem)
        {
            return problem;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE todos SET title = coalesce($title, title), done = coalesce($done, done) WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$title", (object?)input.Title?.Trim() ?? DBNull.Value);
        command.Parameters.AddWithValue("$done", input.Done is { } done ? (done ? 1 : 0) : DBNull.Value);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok((await FindAsync(connection, id, cancellationToken))!);
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(long id, MainDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM todos WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    private static async Task<Todo?> FindAsync(SqliteConnection connection, long id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, done, created_at FROM todos WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static ValidationProblem? ValidateTitle(string? title, bool required)
    {
        var trimmed = title?.Trim() ?? "";
        if ((required || title is not null) && (trimmed.Length == 0 || trimmed.Length > MaxTitleLength))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["title"] = [$"A title of 1 to {MaxTitleLength} characters is required."],
            });
        }

        return null;
    }

    private static Todo Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetInt64(2) == 1,
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
}
