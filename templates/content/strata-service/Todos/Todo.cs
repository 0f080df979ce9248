namespace Company.Service1.Todos;

public sealed record Todo(long Id, string Title, bool Done, DateTimeOffset CreatedAt);

/// <summary>The body of POST and PUT; both fields optional on PUT.</summary>
public sealed record TodoInput(string? Title, bool? Done);
