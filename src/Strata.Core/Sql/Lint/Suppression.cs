using System.Text.RegularExpressions;
using Strata.Core.Diagnostics;
using Strata.Migrations.Sql;

namespace Strata.Core.Sql.Lint;

/// <summary>
/// An inline suppression: <c>-- strata-ignore STRATA2105[, STRATA2110]: reason</c> on the line before a statement (only
/// comments between them, no blank line) or on one of the statement's own lines (a trailing comment included).
/// </summary>
internal sealed partial record Suppression(SqlToken Comment, IReadOnlyList<string> Codes, int Statement)
{
    public const string Marker = "strata-ignore";

    [GeneratedRegex(@"^--\s*strata-ignore\b(?<rest>.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^STRATA[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Code();

    /// <summary>Finds the suppressions of one migration body and ties each to its statement; malformed ones become STRATA2191.</summary>
    public static List<Suppression> Find(string source, IReadOnlyList<SqlToken> tokens, IReadOnlyList<SqlStatement> statements, string file, List<Diagnostic> problems)
    {
        var found = new List<Suppression>();
        foreach (var token in tokens)
        {
            if (token.Kind != SqlTokenKind.LineComment)
            {
                continue;
            }

            var match = Pattern().Match(token.Text(source).ToString());
            if (!match.Success)
            {
                continue;
            }

            var at = SourceLocation.At(file, token.Line, token.Column);
            var rest = match.Groups["rest"].Value;
            int colon = rest.IndexOf(':', StringComparison.Ordinal);
            var codes = (colon < 0 ? rest : rest[..colon]).Split([',', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var reason = colon < 0 ? "" : rest[(colon + 1)..].Trim();
            var valid = new List<string>();
            foreach (var code in codes)
            {
                if (Code().IsMatch(code) && LintRules.Codes.Contains(code))
                {
                    valid.Add(code);
                }
                else
                {
                    problems.Add(DiagnosticCatalog.LintMalformedSuppression.Create(at, $"'{code}' is not a lint code"));
                }
            }

            if (codes.Length == 0)
            {
                problems.Add(DiagnosticCatalog.LintMalformedSuppression.Create(at, "no code"));
                continue;
            }

            if (reason.Length == 0)
            {
                problems.Add(DiagnosticCatalog.LintMalformedSuppression.Create(at, "no reason after ':'"));
                continue;
            }

            if (valid.Count > 0)
            {
                found.Add(new Suppression(token, valid, Target(source, token, statements)));
            }
        }

        return found;
    }

    /// <summary>The statement the comment belongs to, or -1 (then every code in it is unused).</summary>
    private static int Target(string source, SqlToken comment, IReadOnlyList<SqlStatement> statements)
    {
        for (int i = 0; i < statements.Count; i++)
        {
            var s = statements[i];
            if (s.Start < comment.Start && comment.Line >= s.Line && comment.Line <= s.EndLine)
            {
                return i;
            }

            if (s.Start > comment.Start)
            {
                var between = source.AsSpan(comment.End, s.Start - comment.End);
                return HasBlankLine(between) ? -1 : i;
            }
        }

        return -1;
    }

    private static bool HasBlankLine(ReadOnlySpan<char> text)
    {
        bool lineHasContent = true;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                if (!lineHasContent)
                {
                    return true;
                }

                lineHasContent = false;
            }
            else if (c is not (' ' or '\t' or '\r'))
            {
                lineHasContent = true;
            }
        }

        return false;
    }
}
