namespace Strata.Core.Catalog;

/// <summary>How an engine's schema is kept in Git.</summary>
public enum SchemaStyle
{
    /// <summary>Ordered SQL migrations under db/&lt;datastore&gt;/migrations, turned into one script at build.</summary>
    SqlMigrations,

    /// <summary>Versioned schema files (JSON, Cypher) under db/&lt;datastore&gt;/schema.</summary>
    SchemaFiles,

    /// <summary>No schema: configuration only (a cache).</summary>
    None,
}
