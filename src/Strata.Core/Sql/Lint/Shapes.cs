using System.Text;
using Strata.Migrations.Sql;

namespace Strata.Core.Sql.Lint;

/// <summary>Small keyword patterns shared by several rules (no full parser: just enough structure to point at a token).</summary>
internal static class Shapes
{
    /// <summary>The index of the CREATE [UNIQUE] INDEX keyword INDEX, or -1.</summary>
    public static int CreateIndex(StatementContext s) =>
        !s.Is(0, "CREATE") ? -1 : s.Is(1, "INDEX") ? 1 : s.Are(1, "UNIQUE", "INDEX") ? 2 : -1;

    /// <summary>The table of CREATE INDEX ... ON [ONLY] table.</summary>
    public static SqlName? IndexTable(StatementContext s, int indexAt)
    {
        int on = s.Find("ON", indexAt + 1);
        return on < 0 ? null : s.ReadName(s.Is(on + 1, "ONLY") ? on + 2 : on + 1, out _);
    }

    /// <summary>The index of TABLE in CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE, or -1.</summary>
    public static int CreateTable(StatementContext s)
    {
        if (!s.Is(0, "CREATE"))
        {
            return -1;
        }

        for (int i = 1; i <= 3; i++)
        {
            if (s.Is(i, "TABLE"))
            {
                return i;
            }

            if (!(s.Is(i, "GLOBAL") || s.Is(i, "LOCAL") || s.Is(i, "TEMP") || s.Is(i, "TEMPORARY") || s.Is(i, "UNLOGGED")))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>Column definitions: those of CREATE TABLE (Added false) and those of ALTER TABLE ... ADD [COLUMN] (Added true).</summary>
    public static IEnumerable<(ColumnDefinition Column, SqlName Table, bool Added, int ActionStart)> Columns(StatementContext s)
    {
        int t = CreateTable(s);
        if (t > 0)
        {
            int i = s.Are(t + 1, "IF", "NOT", "EXISTS") ? t + 4 : t + 1;
            if (s.ReadName(i, out i) is { } table && s.IsPunctuation(i, '('))
            {
                int close = s.SkipParens(i);
                foreach (var (start, end) in s.SplitCommas(i + 1, close - 1))
                {
                    if (!ColumnDefinition.IsTableConstraint(s, start) && ColumnDefinition.Parse(s, start, end) is { } column)
                    {
                        yield return (column, table, false, start);
                    }
                }
            }

            yield break;
        }

        if (s.Alter is not { } alter)
        {
            yield break;
        }

        foreach (var a in alter.Actions)
        {
            if (AddedColumn(s, a) is { } column)
            {
                yield return (column, alter.Table, true, a.Start);
            }
        }
    }

    /// <summary>ADD [COLUMN] [IF NOT EXISTS] definition, or null for ADD of a table constraint.</summary>
    public static ColumnDefinition? AddedColumn(StatementContext s, AlterAction a)
    {
        if (!s.Is(a.Start, "ADD"))
        {
            return null;
        }

        int i = a.Start + 1;
        if (s.Is(i, "COLUMN"))
        {
            i++;
        }
        else if (ColumnDefinition.IsTableConstraint(s, i))
        {
            return null;
        }

        if (s.Are(i, "IF", "NOT", "EXISTS"))
        {
            i += 3;
        }

        return ColumnDefinition.Parse(s, i, a.End);
    }

    /// <summary>ADD [CONSTRAINT name] &lt;kind&gt; ...: the index of the kind keyword (PRIMARY, UNIQUE, CHECK, FOREIGN, EXCLUDE) and the name.</summary>
    public static (int KindAt, string? Name)? AddedConstraint(StatementContext s, AlterAction a)
    {
        if (!s.Is(a.Start, "ADD"))
        {
            return null;
        }

        int i = a.Start + 1;
        string? name = null;
        if (s.Is(i, "CONSTRAINT"))
        {
            name = s.ReadName(i + 1, out i)?.Name;
        }

        return s.Is(i, "PRIMARY") || s.Is(i, "UNIQUE") || s.Is(i, "CHECK") || s.Is(i, "FOREIGN") || s.Is(i, "EXCLUDE")
            ? (i, name)
            : null;
    }

    /// <summary>ALTER [COLUMN] name ...: the column and the index of the word after its name.</summary>
    public static (string Column, int After)? AlteredColumn(StatementContext s, AlterAction a)
    {
        if (!s.Is(a.Start, "ALTER"))
        {
            return null;
        }

        int i = s.Is(a.Start + 1, "COLUMN") ? a.Start + 2 : a.Start + 1;
        return i < a.End && SqlName.Identifier(s.Source, s.Words[i], s.Dialect) is { } column ? (column, i + 1) : null;
    }

    /// <summary>Where column types are written: CREATE TABLE and ADD COLUMN definitions, and ALTER COLUMN ... TYPE.</summary>
    public static IEnumerable<(int Start, int End)> TypeSites(StatementContext s)
    {
        foreach (var (column, _, _, _) in Columns(s))
        {
            if (column.TypeEnd > column.TypeStart)
            {
                yield return (column.TypeStart, column.TypeEnd);
            }
        }

        if (s.Alter is { } alter)
        {
            foreach (var a in alter.Actions)
            {
                if (AlteredColumn(s, a) is { } c)
                {
                    int type = s.Find("TYPE", c.After, a.End);
                    if (type > 0)
                    {
                        int end = a.End;
                        foreach (var stop in new[] { "USING", "COLLATE" })
                        {
                            int at = s.Find(stop, type + 1, a.End);
                            end = at > 0 ? Math.Min(end, at) : end;
                        }

                        yield return (type + 1, end);
                    }
                }
            }
        }
    }

    /// <summary>The source text of words [start, end).</summary>
    public static string Span(StatementContext s, int start, int end) =>
        end <= start ? "" : s.Source[s.Words[start].Start..s.Words[end - 1].End];

    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);

    public static bool IsIdentifierToken(SqlToken token) => token.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
}
