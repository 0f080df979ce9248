using Strata.Core.Catalog;
using Strata.Core.Diagnostics;
using Strata.Core.Schemas.Vectors;

namespace Strata.Core.Schemas;

/// <summary>What the rules of one datastore's schema files share while its files are checked in version order.</summary>
internal sealed class DatastoreSchemaRun(string datastore, EngineDescriptor engine, Func<DatastoreRetention?> retention, VectorInventory vectors)
{
    private DatastoreRetention? _retention;
    private bool _retentionRead;

    public string Datastore { get; } = datastore;

    public EngineDescriptor Engine { get; } = engine;

    public VectorInventory Vectors { get; } = vectors;

    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>The doc's retention, read on first use (only a file with a TTL or an ILM delete phase needs it).</summary>
    public DatastoreRetention? Retention
    {
        get
        {
            if (!_retentionRead)
            {
                (_retention, _retentionRead) = (retention(), true);
            }

            return _retention;
        }
    }

    /// <summary>Set by <see cref="SchemaBuild"/> for Redis datastores: the policy their compose service runs with.</summary>
    public Func<RedisComposePolicy?> ComposePolicy { get; init; } = static () => null;

    /// <summary>The key that identifies an object of this datastore in the <see cref="VectorInventory"/>.</summary>
    public string Key(string kind, string name) => $"{Datastore}/{kind}/{name}";
}
