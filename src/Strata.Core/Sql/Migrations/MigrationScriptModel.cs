using Strata.Core.Templating;

namespace Strata.Core.Sql.Migrations;

/// <summary>
/// What a migration script layout sees (the built-in .hbs and a user's StrataMigrationScriptTemplate alike); docs/migrations.md
/// lists the names. Handlebars reads the properties; the built-in layouts read the same values through
/// <see cref="ITemplateScope"/>, without reflection.
/// </summary>
public sealed class MigrationScriptModel : ITemplateScope
{
    // Property names are the template names (e.g. {{lockTimeout}}), the contract with users' templates.
    public required string datastore { get; init; }

    public required string engine { get; init; }

    public required string folder { get; init; }

    public required string lockKey { get; init; }

    public required string lockTimeout { get; init; }

    public required string statementTimeout { get; init; }

    public required List<MigrationModel> migrations { get; init; }

    public bool TryGetValue(string name, out object? value)
    {
        value = name switch
        {
            "datastore" => datastore,
            "engine" => engine,
            "folder" => folder,
            "lockKey" => lockKey,
            "lockTimeout" => lockTimeout,
            "statementTimeout" => statementTimeout,
            "migrations" => migrations,
            _ => Missing,
        };
        return !ReferenceEquals(value, Missing);
    }

    internal static readonly object Missing = new();
}

/// <summary>One migration as a script layout sees it (inside <c>{{#each migrations}}</c>).</summary>
public sealed class MigrationModel : ITemplateScope
{
    public required string version { get; init; }

    public required string normalizedVersion { get; init; }

    public required string checksum { get; init; }

    public required string source { get; init; }

    public required string description { get; init; }

    public required string sqlDescription { get; init; }

    public required string body { get; init; }

    public required bool transactional { get; init; }

    public required string? down { get; init; }

    public required string? downChecksum { get; init; }

    public required int downLine { get; init; }

    public bool TryGetValue(string name, out object? value)
    {
        value = name switch
        {
            "version" => version,
            "normalizedVersion" => normalizedVersion,
            "checksum" => checksum,
            "source" => source,
            "description" => description,
            "sqlDescription" => sqlDescription,
            "body" => body,
            "transactional" => transactional,
            "down" => down,
            "downChecksum" => downChecksum,
            "downLine" => downLine,
            _ => MigrationScriptModel.Missing,
        };
        return !ReferenceEquals(value, MigrationScriptModel.Missing);
    }
}

/// <summary>What a rollback layout (rollback-&lt;engine&gt;.hbs) sees.</summary>
public sealed class RollbackScriptModel : ITemplateScope
{
    // Property names are the template names, as in MigrationScriptModel.
    public required string datastore { get; init; }

    public required string engine { get; init; }

    public required string target { get; init; }

    public required string latest { get; init; }

    public required string lockKey { get; init; }

    public required string lockTimeout { get; init; }

    public required string statementTimeout { get; init; }

    public required List<RollbackMigrationModel> migrations { get; init; }

    public bool TryGetValue(string name, out object? value)
    {
        value = name switch
        {
            "datastore" => datastore,
            "engine" => engine,
            "target" => target,
            "latest" => latest,
            "lockKey" => lockKey,
            "lockTimeout" => lockTimeout,
            "statementTimeout" => statementTimeout,
            "migrations" => migrations,
            _ => MigrationScriptModel.Missing,
        };
        return !ReferenceEquals(value, MigrationScriptModel.Missing);
    }
}

/// <summary>One migration to undo, as a rollback layout sees it (inside <c>{{#each migrations}}</c>, newest first).</summary>
public sealed class RollbackMigrationModel : ITemplateScope
{
    public required string version { get; init; }

    public required string normalizedVersion { get; init; }

    public required string description { get; init; }

    public required string source { get; init; }

    public required int downLine { get; init; }

    public required string? down { get; init; }

    public bool TryGetValue(string name, out object? value)
    {
        value = name switch
        {
            "version" => version,
            "normalizedVersion" => normalizedVersion,
            "description" => description,
            "source" => source,
            "downLine" => downLine,
            "down" => down,
            _ => MigrationScriptModel.Missing,
        };
        return !ReferenceEquals(value, MigrationScriptModel.Missing);
    }
}
