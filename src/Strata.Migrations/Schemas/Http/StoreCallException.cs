namespace Strata.Migrations.Schemas.Http;

/// <summary>
/// A request that did not get the answer it needed: no connection, no answer in time, or an error status. The
/// <see cref="Exception.Message"/> names the request and the store's own error text, never a credential; the applier
/// turns it into STRATA5103 (before any change) or STRATA5102 (naming the file being applied).
/// </summary>
internal sealed class StoreCallException : Exception
{
    public StoreCallException()
    {
    }

    public StoreCallException(string message)
        : base(message)
    {
    }

    public StoreCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreCallException(string message, int? status, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    /// <summary>The 1-based line in the schema file the failure points at, when the store says (Neo4j's statement position).</summary>
    public int? Line { get; init; }

    /// <summary>The HTTP status, or null when there was no answer.</summary>
    public int? Status { get; }
}
