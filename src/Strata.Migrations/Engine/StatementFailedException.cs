namespace Strata.Migrations.Engine;

/// <summary>A statement of a body or prologue failed; <see cref="Line"/> is 1-based within that text. Messages end with a period.</summary>
internal sealed class StatementFailedException : Exception
{
    public StatementFailedException()
    {
    }

    public StatementFailedException(string message)
        : base(message)
    {
    }

    public StatementFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StatementFailedException(int? line, string message, Exception? innerException)
        : base(message, innerException)
    {
        Line = line;
    }

    /// <summary>Null when no single statement failed (e.g. a deferred constraint at COMMIT).</summary>
    public int? Line { get; }
}
