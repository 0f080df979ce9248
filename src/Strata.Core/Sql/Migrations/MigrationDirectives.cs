using Strata.Migrations.Script;

namespace Strata.Core.Sql.Migrations;

/// <summary>
/// The directives a migration file may carry, each a whole line starting at column 1:
/// <c>-- strata:no-transaction</c> (run outside a transaction) and <c>-- strata:down</c> (what follows undoes the
/// migration). Any other <c>-- strata:</c> line is reserved (STRATA2007). In the script body a directive line is kept
/// but neutralized, so line numbers still match the file and the runtime never mistakes it for a marker.
/// </summary>
public static class MigrationDirectives
{
    public const string NoTransaction = "-- strata:no-transaction";
    public const string Down = "-- strata:down";
    public const string NeutralPrefix = "-- [strata] ";

    public static bool IsDirective(ReadOnlySpan<char> line) =>
        line.TrimEnd().SequenceEqual(NoTransaction) || line.TrimEnd().SequenceEqual(Down);

    public sealed record Split(string Up, string? Down, int DownLine, bool NoTransaction);

    /// <summary>Splits a normalized file at its down directive and neutralizes directive lines.</summary>
    public static Split Apply(string normalized)
    {
        if (!normalized.Contains(ScriptFormat.MarkerPrefix, StringComparison.Ordinal))
        {
            // No directive can be there: the up part is the text itself (the same string, so callers can tell).
            return new Split(normalized, null, 0, false);
        }

        var lines = normalized.Split('\n');
        bool noTransaction = false;
        int downIndex = -1;
        for (int i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimEnd();
            if (trimmed == NoTransaction && downIndex < 0)
            {
                noTransaction = true;
                lines[i] = NeutralPrefix + trimmed[ScriptFormat.MarkerPrefix.Length..];
            }
            else if (trimmed == Down && downIndex < 0)
            {
                downIndex = i;
            }
        }

        if (downIndex < 0)
        {
            return new Split(string.Join('\n', lines), null, 0, noTransaction);
        }

        var up = string.Join('\n', lines[..downIndex]).TrimEnd('\n');
        // Only trailing blank lines go: leading ones stay, so down line k is still file line DownLine + k - 1.
        var down = string.Join('\n', lines[(downIndex + 1)..]).TrimEnd('\n');
        return new Split(up, down, downIndex + 2, noTransaction);
    }
}
