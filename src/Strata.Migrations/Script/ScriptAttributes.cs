using Strata.Migrations.Errors;

namespace Strata.Migrations.Script;

/// <summary>The <c>key=value</c> pairs after a marker. Unknown keys are kept (and ignored by callers) so newer generators stay readable.</summary>
internal sealed class ScriptAttributes
{
    private readonly Dictionary<string, string> values;
    private readonly string marker;
    private readonly Func<string, MigrationException> error;

    private ScriptAttributes(Dictionary<string, string> values, string marker, Func<string, MigrationException> error)
    {
        this.values = values;
        this.marker = marker;
        this.error = error;
    }

    public static ScriptAttributes Parse(string text, string marker, Func<string, MigrationException> error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                throw error($"'{pair}' in '{marker}' is not a key=value attribute.");
            }

            if (!values.TryAdd(pair[..eq], pair[(eq + 1)..]))
            {
                throw error($"Attribute '{pair[..eq]}' appears twice in '{marker}'.");
            }
        }

        return new ScriptAttributes(values, marker, error);
    }

    public string? Optional(string key) => values.TryGetValue(key, out var value) ? value : null;

    public string Required(string key) =>
        values.TryGetValue(key, out var value) ? value : throw error($"'{marker}' has no '{key}=' attribute.");
}
