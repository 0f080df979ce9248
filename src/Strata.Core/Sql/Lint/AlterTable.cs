using Strata.Migrations.Sql;

namespace Strata.Core.Sql.Lint;

/// <summary>
/// <c>ALTER TABLE [IF EXISTS] [ONLY] name [*] action [, action ...]</c>, cut into actions at top-level commas.
/// Indexes are word indexes of the statement.
/// </summary>
public sealed record AlterTable(SqlName Table, int NameAt, IReadOnlyList<AlterAction> Actions)
{
    internal static AlterTable? Parse(StatementContext s)
    {
        if (!s.Are(0, "ALTER", "TABLE"))
        {
            return null;
        }

        int i = 2;
        if (s.Are(i, "IF", "EXISTS"))
        {
            i += 2;
        }

        if (s.Is(i, "ONLY"))
        {
            i++;
        }

        int nameAt = i;
        if (s.ReadName(i, out i) is not { } table)
        {
            return null;
        }

        if (s.IsPunctuation(i, '*'))
        {
            i++;
        }

        var parts = s.SplitCommas(i, s.Count);
        var actions = new List<AlterAction>(parts.Count);
        foreach (var (start, end) in parts)
        {
            actions.Add(new AlterAction(start, end));
        }

        return new AlterTable(table, nameAt, actions);
    }
}

/// <summary>One action of an ALTER TABLE: words [Start, End).</summary>
public sealed record AlterAction(int Start, int End);

/// <summary>
/// A column definition (in CREATE TABLE or ADD COLUMN): its name, type words, and which constraints it carries.
/// Indexes are word indexes of the statement; -1 when absent.
/// </summary>
public sealed record ColumnDefinition(
    int NameAt,
    string Name,
    int TypeStart,
    int TypeEnd,
    int NotNullAt,
    int DefaultAt,
    int DefaultEnd,
    int PrimaryKeyAt,
    int UniqueAt,
    int ReferencesAt,
    int GeneratedAt,
    bool GeneratedIdentity)
{
    private static readonly string[] ConstraintWords =
        ["NOT", "NULL", "DEFAULT", "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "REFERENCES", "GENERATED", "COLLATE", "AUTOINCREMENT", "ON"];

    public static bool IsTableConstraint(StatementContext s, int i) =>
        s.Is(i, "CONSTRAINT") || s.Is(i, "PRIMARY") || s.Is(i, "UNIQUE") || s.Is(i, "CHECK") || s.Is(i, "FOREIGN") ||
        s.Is(i, "EXCLUDE") || s.Is(i, "LIKE");

    /// <summary>Reads a column definition from words [start, end); null when it does not start with a name.</summary>
    public static ColumnDefinition? Parse(StatementContext s, int start, int end)
    {
        if (start >= end || (s.Words[start].Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier)))
        {
            return null;
        }

        var name = SqlName.Identifier(s.Source, s.Words[start], s.Dialect) ?? "";
        int typeStart = start + 1, i = typeStart;
        int depth = 0;
        for (; i < end; i++)
        {
            if (s.IsPunctuation(i, '('))
            {
                depth++;
            }
            else if (s.IsPunctuation(i, ')'))
            {
                depth--;
            }
            else if (depth == 0 && ConstraintWords.Any(w => s.Is(i, w)))
            {
                break;
            }
        }

        int typeEnd = i;
        int notNull = -1, dflt = -1, dfltEnd = -1, pk = -1, unique = -1, refs = -1, generated = -1;
        bool identity = false;
        depth = 0;
        for (; i < end; i++)
        {
            if (s.IsPunctuation(i, '('))
            {
                depth++;
                continue;
            }

            if (s.IsPunctuation(i, ')'))
            {
                depth--;
                continue;
            }

            if (depth != 0)
            {
                continue;
            }

            if (s.Are(i, "NOT", "NULL"))
            {
                notNull = i;
            }
            else if (s.Is(i, "DEFAULT"))
            {
                dflt = i;
                dfltEnd = end;
                int d = 0;
                for (int k = i + 1; k < end; k++)
                {
                    d += s.IsPunctuation(k, '(') ? 1 : s.IsPunctuation(k, ')') ? -1 : 0;
                    if (d == 0 && k > i + 1 && !s.Is(k, "NULL") && ConstraintWords.Any(w => s.Is(k, w)))
                    {
                        dfltEnd = k;
                        break;
                    }
                }
            }
            else if (s.Is(i, "PRIMARY"))
            {
                pk = i;
            }
            else if (s.Is(i, "UNIQUE"))
            {
                unique = i;
            }
            else if (s.Is(i, "REFERENCES"))
            {
                refs = i;
            }
            else if (s.Is(i, "GENERATED"))
            {
                generated = i;
                identity = s.Has(i, end, "IDENTITY");
            }
        }

        return new ColumnDefinition(start, name, typeStart, typeEnd, notNull, dflt, dfltEnd, pk, unique, refs, generated, identity);
    }
}
