using System.Text;
using SQLitePCL;
using Strata.Migrations.Engine;

namespace Strata.Migrations.Sqlite;

/// <summary>
/// Runs SQL one statement at a time with SQLite's own parser finding the boundaries (the tail of
/// sqlite3_prepare_v2), so CREATE TRIGGER ... BEGIN ...; END; and any other syntax splits exactly as SQLite reads
/// it, and a failure maps to the line of the statement that failed.
/// </summary>
internal static class SqliteStatementRunner
{
    public static void Execute(sqlite3 db, string sql, CancellationToken cancellationToken)
    {
        var utf8 = Encoding.UTF8.GetBytes(sql);
        string? transactionControl = null;

        // SQLite's parser reports BEGIN/COMMIT/END/ROLLBACK to the authorizer while preparing, before anything runs;
        // that catches them at top level only (a trigger's BEGIN ... END is not a transaction) with no lexing of ours.
        raw.sqlite3_set_authorizer(db, (strdelegate_authorizer)OnAuthorize, null);
        using var interrupt = cancellationToken.Register(() => raw.sqlite3_interrupt(db));
        try
        {
            int position = 0, line = 1, counted = 0;
            while (position < utf8.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = position + SqlTrivia.SkipLeading(utf8.AsSpan(position));
                if (start >= utf8.Length)
                {
                    break;
                }

                line += utf8.AsSpan(counted, start - counted).Count((byte)'\n');
                counted = start;
                transactionControl = null;

                var rc = raw.sqlite3_prepare_v2(db, utf8.AsSpan(start), out var statement, out var tail);
                var next = utf8.Length - tail.Length;
                using (statement)
                {
                    if (rc != raw.SQLITE_OK)
                    {
                        throw Failure(db, rc, line, cancellationToken);
                    }

                    if (transactionControl is not null)
                    {
                        throw new StatementFailedException(
                            line,
                            $"'{transactionControl}' is not allowed in a migration: each migration runs in its own transaction, " +
                            "which Strata begins and commits. Remove the transaction control statements.",
                            null);
                    }

                    if (!statement.IsInvalid)
                    {
                        Step(db, statement, line, cancellationToken);
                    }
                }

                // A comment-only remainder yields no statement and an empty tail; never loop in place.
                position = next > start ? next : utf8.Length;
            }
        }
        finally
        {
            raw.sqlite3_set_authorizer(db, (strdelegate_authorizer)null!, null);
        }

        int OnAuthorize(object userData, int action, string arg1, string arg2, string database, string trigger)
        {
            if (action == raw.SQLITE_TRANSACTION)
            {
                transactionControl ??= arg1;
            }

            return raw.SQLITE_OK;
        }
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement, int line, CancellationToken cancellationToken)
    {
        int rc;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
            // A SELECT in a migration is allowed; its rows are not wanted.
        }

        if (rc != raw.SQLITE_DONE)
        {
            throw Failure(db, rc, line, cancellationToken);
        }
    }

    private static Exception Failure(sqlite3 db, int rc, int line, CancellationToken cancellationToken)
    {
        if (rc == raw.SQLITE_INTERRUPT && cancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException(cancellationToken);
        }

        var error = SqliteError.From(db, rc);
        return new StatementFailedException(line, error.Message, error);
    }
}
