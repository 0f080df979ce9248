using System.Globalization;
using Strata.Core.Diagnostics;
using Strata.Core.Text;
using Strata.Migrations.Sql;

namespace Strata.Core.Schemas.Vectors;

/// <summary>
/// The pgvector columns of a PostgreSQL datastore's migrations, for the cross-store check: <c>vector(N)</c> in CREATE
/// TABLE and ALTER TABLE, and the distance of an <c>USING hnsw|ivfflat (column vector_*_ops)</c> index on the column.
/// Uses the migrations' own lexer; files without the word "vector" are not lexed. The files' own problems are the
/// migration check's (STRATA20xx) to report, so unreadable ones are skipped here. pgvector columns belong to the
/// embedding "default".
/// </summary>
internal static class PgVectorScanner
{
    public static void Scan(string projectDirectory, string datastore, string relativeFolder, VectorInventory inventory)
    {
        var folder = Path.GetFullPath(Path.Combine(projectDirectory, relativeFolder));
        string[] paths;
        try
        {
            paths = Directory.Exists(folder) && VersionedFiles.FolderIsInside(projectDirectory, folder, out _) ? VersionedFiles.List(folder, ".sql") : [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var relativeFolderPath = ProjectPaths.Relative(projectDirectory, Path.TrimEndingDirectorySeparator(folder));
        var files = new List<(string Version, string Relative, string Body)>();
        foreach (var path in paths)
        {
            var name = Path.GetFileName(path);
            if (VersionedFileName.TryParse(name, ".sql", out var version, out _)
                && VersionedFiles.Read(projectDirectory, path) is { Body: { } body } && body.Contains("vector", StringComparison.OrdinalIgnoreCase))
            {
                files.Add((version, VersionedFiles.RelativePath(relativeFolderPath, name), body));
            }
        }

        var ordered = files.Select(f => new Ordered(f.Version, f.Relative, f.Body)).ToList();
        VersionedFiles.SortByVersion(ordered, static f => f.Version, static f => f.Relative);
        var columns = new List<(string Key, VectorDefinition Definition)>();
        var distances = new Dictionary<string, VectorDistance>(StringComparer.Ordinal);
        var tokens = new SqlTokenList(1024);
        foreach (var file in ordered)
        {
            tokens.Relex(file.Body, SqlDialect.PostgreSql);
            var statement = new List<int>();
            for (int i = 0; i <= tokens.Count; i++)
            {
                if (i == tokens.Count || tokens[i].Kind == SqlTokenKind.Semicolon)
                {
                    Statement(file, tokens, statement, datastore, columns, distances);
                    statement.Clear();
                }
                else if (!tokens[i].IsTrivia)
                {
                    statement.Add(i);
                }
            }
        }

        foreach (var (key, definition) in columns)
        {
            inventory.Define(key, distances.TryGetValue(key, out var distance) ? definition with { Distance = distance } : definition);
        }
    }

    private sealed record Ordered(string Version, string Relative, string Body);

    private static void Statement(Ordered file, SqlTokenList tokens, List<int> s, string datastore,
        List<(string Key, VectorDefinition Definition)> columns, Dictionary<string, VectorDistance> distances)
    {
        string body = file.Body;
        SqlToken T(int i) => tokens[s[i]];
        bool Word(int i, string word) => i >= 0 && i < s.Count && T(i).Kind == SqlTokenKind.Word && T(i).Text(body).Equals(word, StringComparison.OrdinalIgnoreCase);
        bool Punct(int i, string p) => i >= 0 && i < s.Count && T(i).Kind == SqlTokenKind.Punctuation && T(i).Text(body).SequenceEqual(p);

        // The table: CREATE [...] TABLE [IF NOT EXISTS] name | ALTER TABLE [IF EXISTS] [ONLY] name | CREATE INDEX ... ON [ONLY] name.
        string? table = null;
        int at = -1;
        for (int i = 0; i < Math.Min(s.Count, 8) && at < 0; i++)
        {
            if (Word(i, "TABLE") && (Word(0, "CREATE") || Word(0, "ALTER")))
            {
                at = i + 1;
            }
        }

        bool index = Word(0, "CREATE") && at < 0;
        if (index)
        {
            for (int i = 1; i < s.Count && at < 0; i++)
            {
                if (Word(i, "ON"))
                {
                    at = i + 1;
                }
            }
        }

        while (Word(at, "IF") || Word(at, "NOT") || Word(at, "EXISTS") || Word(at, "ONLY"))
        {
            at++;
        }

        if (at >= 0 && at < s.Count)
        {
            table = Name(body, T(at));
            while (Punct(at + 1, ".") && at + 2 < s.Count)
            {
                at += 2;
                table = Name(body, T(at));
            }
        }

        if (table is null)
        {
            return;
        }

        for (int i = 0; i + 3 < s.Count; i++)
        {
            if (!index && Word(i, "vector") && Punct(i + 1, "(") && T(i + 2).Kind == SqlTokenKind.Number && Punct(i + 3, ")"))
            {
                int column = Word(i - 1, "TYPE") ? (Word(i - 2, "DATA") ? i - 4 : i - 2) : i - 1;
                if (column < 0 || !long.TryParse(T(i + 2).Text(body), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                {
                    continue;
                }

                var name = Name(body, T(column));
                var key = $"{datastore}/column/{table}.{name}";
                columns.RemoveAll(c => c.Key == key);
                columns.Add((key, new VectorDefinition("default", size, null, $"pgvector column '{table}.{name}' (datastore {datastore})",
                    SourceLocation.At(file.Relative, T(i).Line, T(i).Column))));
            }
            else if (index && Word(i, "USING") && (Word(i + 1, "hnsw") || Word(i + 1, "ivfflat")) && Punct(i + 2, "(") && i + 4 < s.Count
                && VectorDistances.Parse(T(i + 4).Text(body).ToString()) is { } distance && T(i + 4).Text(body).StartsWith("vector_", StringComparison.OrdinalIgnoreCase))
            {
                distances[$"{datastore}/column/{table}.{Name(body, T(i + 3))}"] = distance;
            }
        }
    }

    /// <summary>An identifier as PostgreSQL reads it: unquoted ones fold to lower case.</summary>
    private static string Name(string body, SqlToken token) =>
        token.Kind == SqlTokenKind.QuotedIdentifier ? token.Text(body)[1..^1].ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : token.Text(body).ToString().ToLowerInvariant();
}
