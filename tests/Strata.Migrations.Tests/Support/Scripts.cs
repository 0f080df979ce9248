namespace Strata.Migrations.Tests.Support;

/// <summary>Migration sets shared by several test classes.</summary>
public static class Scripts
{
    public const string CreateTodos = """
        -- todos: the first table
        CREATE TABLE todos (
            id    INTEGER PRIMARY KEY,
            title TEXT NOT NULL
        );
        """;

    public const string AddDue = "ALTER TABLE todos ADD COLUMN due TEXT;";

    public const string CreateTags = """
        CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        CREATE INDEX ix_tags_name ON tags (name);
        """;

    public static ScriptBuilder Three() => new ScriptBuilder()
        .Add("0001", "create todos", CreateTodos)
        .Add("0002", "add due", AddDue)
        .Add("0003", "create tags", CreateTags);
}
