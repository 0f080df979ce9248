namespace Strata.Templates.Tests.Infrastructure;

/// <summary>One way to call strata-service: the stores, the PostgreSQL flavor and PgBouncer.</summary>
public sealed record StoreCombination(IReadOnlyList<string> Stores, string Flavor = "plain", bool PgBouncer = false)
{
    public static readonly string[] AllStores = ["postgres", "sqlite", "mongodb", "neo4j", "elasticsearch", "chroma", "qdrant", "redis"];

    public static readonly string[] Flavors = ["plain", "pgvector", "postgis", "timescaledb"];

    public string[] Arguments() =>
    [
        .. Stores.SelectMany(s => new[] { "--stores", s }),
        .. Flavor == "plain" ? Array.Empty<string>() : ["--postgres-flavor", Flavor],
        .. PgBouncer ? new[] { "--pgbouncer", "true" } : [],
    ];

    public override string ToString() =>
        string.Join('+', Stores) + (Flavor == "plain" ? "" : $" ({Flavor})") + (PgBouncer ? " +pgbouncer" : "");

    /// <summary>
    /// A pairwise (all-pairs) set: every pair of values of any two factors (each store in or out, the flavor, PgBouncer on
    /// or off) appears in at least one combination. Greedy and deterministic: each row is the candidate, among a fixed
    /// pseudo-random pool, that covers the most pairs not yet covered.
    /// </summary>
    public static IReadOnlyList<StoreCombination> AllPairs()
    {
        // Factor values: stores 0/1, flavor index 0..3, pgbouncer 0/1.
        int[] levels = [.. AllStores.Select(_ => 2), Flavors.Length, 2];
        var uncovered = new HashSet<(int, int, int, int)>();
        for (var a = 0; a < levels.Length; a++)
        {
            for (var b = a + 1; b < levels.Length; b++)
            {
                for (var va = 0; va < levels[a]; va++)
                {
                    for (var vb = 0; vb < levels[b]; vb++)
                    {
                        uncovered.Add((a, va, b, vb));
                    }
                }
            }
        }

        var random = new Random(20261121);
        var rows = new List<int[]>();
        while (uncovered.Count > 0)
        {
            int[]? best = null;
            var bestGain = -1;
            for (var candidate = 0; candidate < 200; candidate++)
            {
                var row = levels.Select(l => random.Next(l)).ToArray();
                var gain = Pairs(row).Count(uncovered.Contains);
                if (gain > bestGain)
                {
                    (best, bestGain) = (row, gain);
                }
            }

            rows.Add(best!);
            uncovered.ExceptWith(Pairs(best!));
        }

        return [.. rows.Select(row =>
        {
            var stores = AllStores.Where((_, i) => row[i] == 1).ToList();
            // A service with no store at all is not a choice strata-service offers: the default is sqlite.
            return new StoreCombination(stores.Count == 0 ? ["sqlite"] : stores, Flavors[row[AllStores.Length]], row[^1] == 1);
        })];
    }

    private static IEnumerable<(int, int, int, int)> Pairs(int[] row)
    {
        for (var a = 0; a < row.Length; a++)
        {
            for (var b = a + 1; b < row.Length; b++)
            {
                yield return (a, row[a], b, row[b]);
            }
        }
    }
}
