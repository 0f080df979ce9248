namespace Strata.Core.Sql.Lint;

/// <summary>
/// What the migrations so far did to tables, as far as the lint needs it: which tables were created by a migration
/// that is not locked yet (new in this branch: no released code uses them, no rows to lock or rewrite), and which
/// index belongs to which table.
/// </summary>
public sealed class SchemaHistory
{
    private readonly HashSet<string> _newTables = new(StringComparer.Ordinal);

    // Values are boxed in a class: a dictionary with a Strata struct as its value is framework code that no build
    // process can have precompiled (ReadyToRun), so it would be JIT-compiled in every build.
    private readonly Dictionary<string, IndexTable> _indexTables = new(StringComparer.Ordinal);

    private sealed record IndexTable(SqlName Table);

    public bool IsNew(SqlName table) => _newTables.Contains(table.Key);

    /// <summary>The table an index was created on, if a migration created it.</summary>
    public SqlName? TableOfIndex(SqlName index) => _indexTables.TryGetValue(index.Key, out var t) ? t.Table : null;

    /// <summary>Records what a statement does; <paramref name="unlocked"/> says whether its migration is still unlocked.</summary>
    public void Observe(StatementContext s, bool unlocked)
    {
        if (s.Is(0, "CREATE") && s.Find("TABLE", 1, 5) is var t and > 0 && !s.Are(1, "INDEX"))
        {
            int i = t + 1;
            if (s.Are(i, "IF", "NOT", "EXISTS"))
            {
                i += 3;
            }

            if (s.ReadName(i, out _) is { } table)
            {
                if (unlocked)
                {
                    _newTables.Add(table.Key);
                }
                else
                {
                    _newTables.Remove(table.Key);
                }
            }
        }
        else if (s.Is(0, "CREATE") && s.Find("INDEX", 1, 3) is var x and > 0 && s.Find("ON", x) is var on and > 0)
        {
            int i = x + 1;
            if (s.Is(i, "CONCURRENTLY"))
            {
                i++;
            }

            if (s.Are(i, "IF", "NOT", "EXISTS"))
            {
                i += 3;
            }

            int at = s.Is(on + 1, "ONLY") ? on + 2 : on + 1;
            if (i < on && s.ReadName(i, out _) is { } index && s.ReadName(at, out _) is { } table)
            {
                _indexTables[new SqlName(table.Schema, index.Name).Key] = new IndexTable(table);
            }
        }
        else if (s.Alter is { } alter)
        {
            foreach (var a in alter.Actions)
            {
                if (s.Are(a.Start, "RENAME", "TO") && s.ReadName(a.Start + 2, out _) is { } renamed && IsNew(alter.Table))
                {
                    _newTables.Remove(alter.Table.Key);
                    _newTables.Add(new SqlName(alter.Table.Schema, renamed.Name).Key);
                }
            }
        }
        else if (s.Are(0, "DROP", "TABLE"))
        {
            int i = s.Are(2, "IF", "EXISTS") ? 4 : 2;
            foreach (var (start, _) in s.SplitCommas(i, s.Count))
            {
                if (s.ReadName(start, out _) is { } dropped)
                {
                    _newTables.Remove(dropped.Key);
                }
            }
        }
    }
}

/// <summary>Per-migration facts rules share (constraints added NOT VALID in this migration).</summary>
internal sealed class MigrationState
{
    public HashSet<string> NotValidConstraints { get; } = new(StringComparer.Ordinal);
}
