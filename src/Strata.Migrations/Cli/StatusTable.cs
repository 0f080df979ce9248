using System.Globalization;
using Strata.Migrations.Engine;

namespace Strata.Migrations.Cli;

/// <summary>Plain aligned text (no colours, no box drawing) so the output reads the same in a terminal and a CI log.</summary>
internal static class StatusTable
{
    private static readonly string[] Headers = ["Version", "State", "Applied at (UTC)", "Description", "Source"];

    public static IEnumerable<string> Format(IReadOnlyList<MigrationStatus> statuses)
    {
        var rows = statuses.Select(s => new[]
        {
            s.Version,
            StateText(s.State),
            s.AppliedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "-",
            s.Description,
            s.Source ?? "(not in this build)",
        }).Prepend(Headers).ToList();

        var widths = Enumerable.Range(0, Headers.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        return rows.Select(r => string.Join("  ", r.Select((cell, c) => c == r.Length - 1 ? cell : cell.PadRight(widths[c]))));
    }

    public static string Summary(string datastore, IReadOnlyList<MigrationStatus> statuses)
    {
        int Count(MigrationState state) => statuses.Count(s => s.State == state);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"Datastore '{datastore}': {Count(MigrationState.Applied)} applied, {Count(MigrationState.Pending)} pending");
        if (Count(MigrationState.ChecksumMismatch) is var edited and > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {edited} edited after being applied (migrate will fail with STRATA5001)");
        }

        if (Count(MigrationState.UnknownApplied) is var unknown and > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $", {unknown} applied but not in this build (STRATA5005)");
        }

        return text + ".";
    }

    private static string StateText(MigrationState state) => state switch
    {
        MigrationState.Applied => "applied",
        MigrationState.Pending => "pending",
        MigrationState.ChecksumMismatch => "EDITED",
        MigrationState.UnknownApplied => "unknown",
        _ => state.ToString(),
    };
}
