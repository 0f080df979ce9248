using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Strata.Migrations.Engine;

namespace Strata.Migrations.Postgres;

/// <summary>
/// Sends a body's top-level statements (<see cref="PostgresStatementSplitter"/>), each as its own
/// <see cref="NpgsqlBatchCommand"/>: Npgsql sends a batch command's text as is (a plain <see cref="NpgsqlCommand"/> would
/// split it again with its own parser, which breaks BEGIN ATOMIC bodies), and the server's error position is then
/// relative to a statement whose place in the body is known, so a failure maps to the source file's line.
/// <see cref="ExecuteAsync"/> sends them one batch per statement (outside a transaction each is its own implicit
/// transaction, which CREATE INDEX CONCURRENTLY needs); a transactional migration sends them all in one pipelined
/// batch (<see cref="PostgresMigrationTransaction.ApplyAsync"/>), and <see cref="FailedIndex"/> finds the one that failed.
/// </summary>
internal static partial class PostgresStatementRunner
{
    private static readonly string[] TransactionControl = ["BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "PREPARE"];

    /// <summary>The top-level statements of <paramref name="sql"/>; transaction control is refused before anything runs.</summary>
    public static List<PostgresStatement> Split(string sql)
    {
        var statements = PostgresStatementSplitter.Split(sql);
        foreach (var statement in statements)
        {
            if (IsTransactionControl(statement))
            {
                throw new StatementFailedException(
                    statement.Line,
                    $"'{statement.FirstWord}' is not allowed in a migration: each migration runs in its own transaction, which Strata begins and " +
                    "commits (or, with transaction=none, none at all). Remove the transaction control statements.",
                    null);
            }
        }

        return statements;
    }

    /// <summary>One statement per round trip: for <c>transaction=none</c> bodies and the prologue.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, PostgresMigrationDatabase database, CancellationToken cancellationToken)
    {
        foreach (var statement in Split(sql))
        {
            var batch = new NpgsqlBatch(connection) { Timeout = 0 }; // statement_timeout bounds it, not a client-side timer
            await using (batch.ConfigureAwait(false))
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(sql[statement.Start..statement.End]));
                try
                {
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (!cancellationToken.IsCancellationRequested && !PostgresMigrationDatabase.IsUnavailable(ex))
                {
                    throw Failed(sql, statement, ex, database);
                }
                catch (NpgsqlException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw database.Unavailable("run a statement on", ex);
                }
            }
        }
    }

    /// <summary>A statement's server error as STRATA5002 material: the file line it points at and the message.</summary>
    public static StatementFailedException Failed(string sql, PostgresStatement statement, PostgresException ex, PostgresMigrationDatabase database) =>
        new(LineOf(sql, statement, ex), Describe(sql, statement, ex, database), ex);

    /// <summary>
    /// The index of the command of a pipelined batch that failed, or -1 if none can be named. Npgsql 10 sets
    /// <see cref="NpgsqlException.BatchCommand"/> only when the connection string asks for it (Include Failed Batched
    /// Command), which a caller's data source may not; otherwise it is the first command that got no CommandComplete:
    /// Npgsql sets <see cref="NpgsqlBatchCommand.StatementType"/> from that message, so every command that ran has one,
    /// and the server skips every command after the failing one. Without error barriers, so this holds.
    /// </summary>
    public static int FailedIndex(NpgsqlBatch batch, PostgresException ex)
    {
        if (ex.BatchCommand is NpgsqlBatchCommand failed && batch.BatchCommands.IndexOf(failed) is var index and >= 0)
        {
            return index;
        }

        for (var i = 0; i < batch.BatchCommands.Count; i++)
        {
            if (batch.BatchCommands[i].StatementType == StatementType.Unknown)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The line in <paramref name="sql"/> the error points at: the server's position, a DO block's PL/pgSQL line, or the statement's first line.</summary>
    internal static int LineOf(string sql, PostgresStatement statement, PostgresException ex)
    {
        if (ex.Position > 0)
        {
            var at = PostgresStatementSplitter.AdvanceCodePoints(sql, statement.Start, ex.Position - 1);
            return statement.Line + sql.AsSpan(statement.Start, Math.Min(at, statement.End) - statement.Start).Count('\n');
        }

        if (statement.FirstWord == "DO" && statement.DollarBodyStart >= 0 && ex.Where is { } where)
        {
            var matches = InlineBlockLine().Matches(where);
            if (matches.Count > 0 && int.TryParse(matches[^1].Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var blockLine) && blockLine > 0)
            {
                var bodyLine = statement.Line + sql.AsSpan(statement.Start, statement.DollarBodyStart - statement.Start).Count('\n');
                return bodyLine + blockLine - 1;
            }
        }

        return statement.Line;
    }

    private static string Describe(string sql, PostgresStatement statement, PostgresException ex, PostgresMigrationDatabase database)
    {
        var text = $"{ex.SqlState}: {ex.MessageText.TrimEnd('.')}";
        if (!string.IsNullOrWhiteSpace(ex.Detail))
        {
            text += $" ({ex.Detail.TrimEnd('.')})";
        }

        text += $", in statement '{Snippet(sql[statement.Start..statement.End])}'.";
        if (!string.IsNullOrWhiteSpace(ex.Hint))
        {
            text += $" Hint: {ex.Hint.TrimEnd('.')}.";
        }

        return ex.SqlState switch
        {
            PostgresErrorCodes.LockNotAvailable => text +
                $" lock_timeout ({database.LockTimeoutSetting}) expired waiting for a lock another session holds on the same table; " +
                "retry when it is released, or raise lock_timeout in the script.",
            PostgresErrorCodes.QueryCanceled => text +
                $" statement_timeout ({database.StatementTimeoutSetting}) probably expired; raise statement_timeout in the script for long migrations.",
            _ => text,
        };
    }

    /// <summary>The statement on one line, shortened: enough to recognise it next to the line number.</summary>
    private static string Snippet(string statement)
    {
        var oneLine = WhiteSpace().Replace(statement, " ").Trim();
        return oneLine.Length <= 80 ? oneLine : oneLine[..77] + "...";
    }

    private static bool IsTransactionControl(PostgresStatement statement) =>
        TransactionControl.Contains(statement.FirstWord)
        && !(statement.FirstWord == "ROLLBACK" && statement.SecondWord is "TO" or "PREPARED")
        && !(statement.FirstWord == "COMMIT" && statement.SecondWord == "PREPARED")
        && !(statement.FirstWord == "PREPARE" && statement.SecondWord != "TRANSACTION");

    [GeneratedRegex(@"inline_code_block line (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex InlineBlockLine();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();
}
