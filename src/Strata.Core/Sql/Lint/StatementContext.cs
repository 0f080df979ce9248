using Strata.Core.Diagnostics;
using Strata.Migrations.Sql;
using Strata.Core.Sql.Migrations;

namespace Strata.Core.Sql.Lint;

/// <summary>
/// What a rule sees: one statement of one migration, its significant tokens with small keyword-matching helpers, the
/// schema history so far, and a way to report. Rules never throw on odd SQL: an index past the end reads as nothing.
/// </summary>
public sealed class StatementContext
{
    private readonly List<Diagnostic> _found;
    private AlterTable? _alter;
    private bool _alterParsed;

    internal StatementContext(MigrationFile migration, SqlStatement statement, SqlDialect dialect, SchemaHistory history, MigrationState state, List<Diagnostic> found)
    {
        Migration = migration;
        Statement = statement;
        Dialect = dialect;
        History = history;
        State = state;
        _found = found;
    }

    public MigrationFile Migration { get; }

    public SqlStatement Statement { get; }

    public SqlDialect Dialect { get; }

    public SchemaHistory History { get; }

    internal MigrationState State { get; }

    /// <summary>The rule being run; set by the linter.</summary>
    internal LintRule? Rule { get; set; }

    public IReadOnlyList<SqlToken> Words => Statement.Words;

    public int Count => Words.Count;

    public string Source => Statement.Source;

    public string Text(int i) => i >= 0 && i < Count ? Words[i].Text(Source).ToString() : "";

    /// <summary>True when word <paramref name="i"/> is this keyword (an unquoted word, any case).</summary>
    public bool Is(int i, string keyword) => i >= 0 && i < Count && Statement.IsKeyword(Words[i], keyword);

    /// <summary>True when the words from <paramref name="i"/> are these keywords, in order.</summary>
    public bool Are(int i, params string[] keywords)
    {
        for (int k = 0; k < keywords.Length; k++)
        {
            if (!Is(i + k, keywords[k]))
            {
                return false;
            }
        }

        return true;
    }

    public bool IsPunctuation(int i, char c) =>
        i >= 0 && i < Count && Words[i].Kind == SqlTokenKind.Punctuation && Source[Words[i].Start] == c;

    /// <summary>Index of the first word in [from, to) that is this keyword at parenthesis depth 0, or -1.</summary>
    public int Find(string keyword, int from = 0, int to = int.MaxValue)
    {
        int depth = 0;
        for (int i = from; i < Math.Min(to, Count); i++)
        {
            if (IsPunctuation(i, '('))
            {
                depth++;
            }
            else if (IsPunctuation(i, ')'))
            {
                depth--;
            }
            else if (depth == 0 && Is(i, keyword))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when this keyword sequence appears at depth 0 in [from, to).</summary>
    public bool Has(int from, int to, params string[] keywords)
    {
        for (int i = Find(keywords[0], from, to); i >= 0; i = Find(keywords[0], i + 1, to))
        {
            if (Are(i, keywords))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Index just past the parenthesized group that starts at <paramref name="i"/> (or <paramref name="i"/> itself).</summary>
    public int SkipParens(int i)
    {
        if (!IsPunctuation(i, '('))
        {
            return i;
        }

        int depth = 0;
        for (; i < Count; i++)
        {
            if (IsPunctuation(i, '('))
            {
                depth++;
            }
            else if (IsPunctuation(i, ')') && --depth == 0)
            {
                return i + 1;
            }
        }

        return Count;
    }

    /// <summary>Splits [from, to) at commas of parenthesis depth 0.</summary>
    public List<(int Start, int End)> SplitCommas(int from, int to)
    {
        var parts = new List<(int, int)>();
        int depth = 0, start = from;
        for (int i = from; i < to; i++)
        {
            if (IsPunctuation(i, '('))
            {
                depth++;
            }
            else if (IsPunctuation(i, ')'))
            {
                depth--;
            }
            else if (depth == 0 && IsPunctuation(i, ','))
            {
                parts.Add((start, i));
                start = i + 1;
            }
        }

        if (start < to)
        {
            parts.Add((start, to));
        }

        return parts;
    }

    /// <summary>Reads <c>name</c>, <c>schema.name</c> or <c>db.schema.name</c> at <paramref name="i"/>; <paramref name="next"/> is the word after it.</summary>
    public SqlName? ReadName(int i, out int next)
    {
        next = i;
        var parts = new List<string>();
        while (i < Count && SqlName.Identifier(Source, Words[i], Dialect) is { } part)
        {
            parts.Add(part);
            i++;
            if (!IsPunctuation(i, '.'))
            {
                break;
            }

            i++;
        }

        if (parts.Count == 0)
        {
            return null;
        }

        next = i;
        string schema = parts.Count >= 2 ? parts[^2] : Dialect == SqlDialect.Sqlite ? "main" : "public";
        return new SqlName(schema, parts[^1]);
    }

    /// <summary>The parsed ALTER TABLE statement, or null when this is not one.</summary>
    public AlterTable? Alter
    {
        get
        {
            if (!_alterParsed)
            {
                _alterParsed = true;
                _alter = AlterTable.Parse(this);
            }

            return _alter;
        }
    }

    /// <summary>
    /// Reports the running rule's diagnostic at word <paramref name="at"/>. When <paramref name="table"/> was created in a
    /// migration that is not locked yet, a history-aware rule stays silent: nobody uses that table yet.
    /// </summary>
    public void Report(int at, SqlName? table, params object?[] args) => Report(Rule!.Descriptor, at, table, args);

    public void Report(DiagnosticDescriptor descriptor, int at, SqlName? table, params object?[] args)
    {
        if (table is { } t && Rule is { HistoryAware: true } && History.IsNew(t))
        {
            return;
        }

        var token = Words[Math.Clamp(at, 0, Count - 1)];
        _found.Add(descriptor.Create(SourceLocation.At(Migration.RelativePath, token.Line, token.Column), args));
    }
}
