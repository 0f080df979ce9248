using System.Globalization;
using Strata.Core.Diagnostics;
using Strata.Core.Schemas.Cypher;
using Strata.Core.Schemas.Vectors;

namespace Strata.Core.Schemas.Engines;

/// <summary>
/// Neo4j (docs/schema-files.md): statements split on ';', each an allowed schema statement (CREATE CONSTRAINT,
/// CREATE [kind] INDEX, DROP CONSTRAINT, DROP INDEX), named and idempotent; vector index options checked and recorded.
/// </summary>
internal sealed class Neo4jSchemaRules : SchemaRules
{
    private static readonly string[] IndexKinds = ["RANGE", "TEXT", "POINT", "FULLTEXT", "VECTOR", "LOOKUP"];
    private static readonly string[] Similarities = ["cosine", "euclidean"];

    public const int MaxDimensions = 4096;

    public override string Extension => ".cypher";

    public override void Check(SchemaFile file, DatastoreSchemaRun run)
    {
        var text = file.Body;
        var tokens = CypherLexer.Lex(text, out var error);
        if (error is not null)
        {
            run.Diagnostics.Add(DiagnosticCatalog.CypherUnterminated.Create(SourceLocation.At(file.RelativePath, error.Line, error.Column), error.Message, file.RelativePath));
            return;
        }

        int statements = 0;
        for (int start = 0; start < tokens.Count;)
        {
            int end = start;
            while (end < tokens.Count && tokens[end].Kind != CypherTokenKind.Semicolon)
            {
                end++;
            }

            if (end > start)
            {
                statements++;
                Statement(file, text, tokens.GetRange(start, end - start), run);
            }

            start = end + 1;
        }

        if (statements == 0)
        {
            run.Diagnostics.Add(DiagnosticCatalog.SchemaFileEmpty.Create(new SourceLocation(file.RelativePath), file.RelativePath, "has no statement, only comments"));
        }
    }

    private static void Statement(SchemaFile file, string text, List<CypherToken> s, DatastoreSchemaRun run)
    {
        var at = SourceLocation.At(file.RelativePath, s[0].Line, s[0].Column);
        bool Word(int i, string word) => i < s.Count && s[i].Is(text, word);

        int nameAt;
        string what, createWords;
        bool create = Word(0, "CREATE");
        bool vector = false;
        if (create && Word(1, "CONSTRAINT"))
        {
            (nameAt, what, createWords) = (2, "constraint", "CREATE CONSTRAINT");
        }
        else if (create && Word(1, "INDEX"))
        {
            (nameAt, what, createWords) = (2, "index", "CREATE INDEX");
        }
        else if (create && s.Count > 2 && IndexKinds.Any(k => Word(1, k)) && Word(2, "INDEX"))
        {
            var kind = s[1].Text(text).ToUpperInvariant();
            (nameAt, what, createWords, vector) = (3, kind.ToLowerInvariant() + " index", $"CREATE {kind} INDEX", kind == "VECTOR");
        }
        else if (Word(0, "DROP") && (Word(1, "CONSTRAINT") || Word(1, "INDEX")))
        {
            (nameAt, what, createWords) = (2, s[1].Text(text).ToLowerInvariant(), "DROP " + s[1].Text(text).ToUpperInvariant());
        }
        else
        {
            var first = s[^1].Start + s[^1].Length - s[0].Start;
            var shown = string.Join(' ', text.Substring(s[0].Start, Math.Min(first, 60)).Split((char[])['\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
            run.Diagnostics.Add(DiagnosticCatalog.CypherNotSchema.Create(at, shown + (first > 60 ? " ..." : "")));
            return;
        }

        string? name = null;
        if (nameAt < s.Count && (s[nameAt].Kind == CypherTokenKind.Name
            || (s[nameAt].Kind == CypherTokenKind.Word && !Word(nameAt, "IF") && !Word(nameAt, "FOR") && !Word(nameAt, "ON"))))
        {
            name = s[nameAt].Value(text);
        }

        bool drop = !create;
        if (name is null)
        {
            run.Diagnostics.Add(DiagnosticCatalog.CypherUnnamed.Create(at, what, createWords));
        }

        int guard = name is null ? nameAt : nameAt + 1;
        bool idempotent = drop
            ? Word(guard, "IF") && Word(guard + 1, "EXISTS")
            : Word(guard, "IF") && Word(guard + 1, "NOT") && Word(guard + 2, "EXISTS");
        if (!idempotent)
        {
            run.Diagnostics.Add(DiagnosticCatalog.CypherNotIdempotent.Create(at, what, drop ? "IF EXISTS" : "IF NOT EXISTS"));
        }

        if (drop && name is not null && what == "index")
        {
            run.Vectors.Drop(run.Key("index", name));
        }
        else if (vector)
        {
            VectorIndex(file, text, s, name, run);
        }
    }

    /// <summary>OPTIONS { indexConfig: { `vector.dimensions`: N, `vector.similarity_function`: '...' } }.</summary>
    private static void VectorIndex(SchemaFile file, string text, List<CypherToken> s, string? name, DatastoreSchemaRun run)
    {
        long? dimensions = null;
        VectorDistance? distance = null;
        SourceLocation? where = null;
        var label = name ?? "(unnamed)";
        for (int i = 0; i + 2 < s.Count; i++)
        {
            if (s[i].Kind is not (CypherTokenKind.Name or CypherTokenKind.String) || s[i + 1].Text(text) != ":")
            {
                continue;
            }

            var key = s[i].Value(text);
            var value = s[i + 2];
            var at = SourceLocation.At(file.RelativePath, value.Line, value.Column);
            if (key == "vector.dimensions")
            {
                if (value.Kind != CypherTokenKind.Number || !long.TryParse(value.Text(text), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                    || n is < 1 or > MaxDimensions)
                {
                    run.Diagnostics.Add(DiagnosticCatalog.CypherVectorOptions.Create(at, label, $"vector.dimensions is {value.Text(text)}, not a whole number from 1 to {MaxDimensions}"));
                }
                else
                {
                    (dimensions, where) = (n, at);
                }
            }
            else if (key == "vector.similarity_function")
            {
                var similarity = value.Kind == CypherTokenKind.String ? value.Value(text) : value.Text(text);
                if (value.Kind != CypherTokenKind.String || !Similarities.Contains(similarity, StringComparer.OrdinalIgnoreCase))
                {
                    run.Diagnostics.Add(DiagnosticCatalog.CypherVectorOptions.Create(at, label, $"vector.similarity_function is {value.Text(text)}, not 'cosine' or 'euclidean'"));
                }
                else
                {
                    distance = VectorDistances.Parse(similarity);
                    where ??= at;
                }
            }
        }

        if (name is not null && (dimensions is not null || distance is not null))
        {
            run.Vectors.Define(run.Key("index", name), new VectorDefinition("default", dimensions, distance,
                $"Neo4j vector index '{name}' (datastore {run.Datastore})", where!.Value));
        }
    }
}
