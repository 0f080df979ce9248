namespace Strata.Migrations.Schemas.Neo4j;

/// <summary>One statement of a .cypher file, without its <c>;</c>, and the 1-based line of its first token in the file.</summary>
internal sealed record CypherStatement(string Text, int Line);

/// <summary>
/// Splits a .cypher schema file at top-level <c>;</c>: not inside '...' or "..." strings (with backslash escapes),
/// `backtick` names, <c>//</c> line comments or <c>/* */</c> block comments. Comments and blank lines before a
/// statement are not part of it, so its line is where its first token is; a file ending in comments adds nothing.
/// </summary>
internal static class CypherStatementSplitter
{
    public static List<CypherStatement> Split(string text)
    {
        var statements = new List<CypherStatement>();
        int line = 1, start = -1, startLine = 0, i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && next == '*')
            {
                i += 2;
                while (i < text.Length && !(text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/'))
                {
                    line += text[i] == '\n' ? 1 : 0;
                    i++;
                }

                i = Math.Min(i + 2, text.Length);
                continue;
            }

            if (c == '\n')
            {
                line++;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (start < 0)
            {
                start = i;
                startLine = line;
            }

            if (c == ';')
            {
                Add(statements, text, start, i, startLine);
                start = -1;
                i++;
                continue;
            }

            if (c is '\'' or '"' or '`')
            {
                i++;
                while (i < text.Length && text[i] != c)
                {
                    if (text[i] == '\\' && c != '`' && i + 1 < text.Length)
                    {
                        line += text[i + 1] == '\n' ? 1 : 0;
                        i++;
                    }

                    line += text[i] == '\n' ? 1 : 0;
                    i++;
                }
            }

            i++;
        }

        if (start >= 0)
        {
            Add(statements, text, start, text.Length, startLine);
        }

        return statements;
    }

    private static void Add(List<CypherStatement> statements, string text, int start, int end, int line)
    {
        var statement = text[start..end].TrimEnd();
        if (statement.Length > 0 && statement != ";")
        {
            statements.Add(new CypherStatement(statement, line));
        }
    }
}
