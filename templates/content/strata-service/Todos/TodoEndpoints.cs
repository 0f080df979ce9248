using System.Data.Common;
using Company.Service1.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Company.Service1.Todos;

/// <summary>
/// CRUD over the todos table that db/main/migrations/0001_create_todos.sql creates. The SQL is the subset PostgreSQL
/// and SQLite share (named parameters, RETURNING), so it runs unchanged on either engine.
/// </summary>
public static class TodoEndpoints
{
    private const int MaxTitleLength = 200;
    private const string Columns = "id, title, done, created_at";

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

    private static async Task<Ok<List<Todo>>> ListAsync(Datastores datastores, CancellationToken cancellationToken)
    {
        await using var command = datastores.Main.CreateCommand($"SELECT {Columns} FROM todos ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new List<Todo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(Read(reader));
        }

        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<Todo>, NotFound>> GetAsync(long id, Datastores datastores, CancellationToken cancellationToken)
    {
        await using var command = datastores.Main.CreateCommand($"SELECT {Columns} FROM todos WHERE id = @id");
        Add(command, "id", id);
        var todo = await SingleAsync(command, cancellationToken);
        return todo is null ? TypedResults.NotFound() : TypedResults.Ok(todo);
    }

    private static async Task<Results<Created<Todo>, ValidationProblem>> CreateAsync(TodoInput input, Datastores datastores, CancellationToken cancellationToken)
    {
        if (ValidateTitle(input.Title, required: true) is { } problem)
        {
            return problem;
        }

        await using var command = datastores.Main.CreateCommand(
            $"INSERT INTO todos (title, done, created_at) VALUES (@title, @done, @createdAt) RETURNING {Columns}");
        Add(command, "title", input.Title!.Trim());
        Add(command, "done", input.Done == true);
        Add(command, "createdAt", DateTimeOffset.UtcNow);
        var todo = (await SingleAsync(command, cancellationToken))!;
        return TypedResults.Created($"/todos/{todo.Id}", todo);
    }

    private static async Task<Results<Ok<Todo>, NotFound, ValidationProblem>> UpdateAsync(long id, TodoInput input, Datastores datastores, CancellationToken cancellationToken)
    {
        if (input.Title is not null && ValidateTitle(input.Title, required: false) is { } problem)
        {
            return problem;
        }

        await using var command = datastores.Main.CreateCommand(
            $"UPDATE todos SET title = coalesce(@title, title), done = coalesce(@done, done) WHERE id = @id RETURNING {Columns}");
        Add(command, "id", id);
        Add(command, "title", input.Title?.Trim());
        Add(command, "done", input.Done);
        var todo = await SingleAsync(command, cancellationToken);
        return todo is null ? TypedResults.NotFound() : TypedResults.Ok(todo);
    }

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(long id, Datastores datastores, CancellationToken cancellationToken)
    {
        await using var command = datastores.Main.CreateCommand("DELETE FROM todos WHERE id = @id");
        Add(command, "id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    private static async Task<Todo?> SingleAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Typed parameters: a null value is sent as NULL of the right type, which coalesce() needs on PostgreSQL.</summary>
    private static void Add<T>(DbCommand command, string name, T value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = (object?)value ?? DBNull.Value;
        parameter.DbType = Type.GetTypeCode(Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T)) switch
        {
            TypeCode.Int64 => System.Data.DbType.Int64,
            TypeCode.Boolean => System.Data.DbType.Boolean,
            TypeCode.String => System.Data.DbType.String,
            _ => System.Data.DbType.DateTimeOffset,
        };
        command.Parameters.Add(parameter);
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

    private static Todo Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetBoolean(2),
        reader.GetFieldValue<DateTimeOffset>(3));
}

/// <summary>A row of the todos table, as the endpoints return it.</summary>
public sealed record Todo(long Id, string Title, bool Done, DateTimeOffset CreatedAt);

/// <summary>The body of POST and PUT; both fields optional on PUT.</summary>
public sealed record TodoInput(string? Title, bool? Done);
