using System.Text;

namespace Strata.Core.Compose.Writing;

/// <summary>
/// A generated text file made of parts, each with the condition under which it is present (and alternatives for a part
/// that differs by option, like the PostgreSQL image). It renders either the file for one selection or the template
/// file with <c>#if</c> lines that `dotnet new` evaluates; both come from the same parts, so they cannot disagree.
/// </summary>
public sealed class ConditionalText
{
    // A part is present under its condition; each of its segments is one text, or alternatives of which the first that
    // holds is used (the template writes those as an #if/#elif/#else chain).
    private readonly List<(StackCondition Condition, IReadOnlyList<IReadOnlyList<(StackCondition When, string Text)>> Segments)> parts = [];

    /// <summary>Text present when <paramref name="condition"/> holds; it ends with a newline.</summary>
    public ConditionalText Add(StackCondition condition, string text)
    {
        if (text.Length > 0)
        {
            parts.Add((condition, [[(StackCondition.Always, text)]]));
        }

        return this;
    }

    public ConditionalText Add(string text) => Add(StackCondition.Always, text);

    /// <summary>
    /// Text present when <paramref name="condition"/> holds, whose line equal to <paramref name="marker"/> is replaced by
    /// the first of <paramref name="alternatives"/> that holds (the last should be the fallback, <see cref="StackCondition.Always"/>).
    /// </summary>
    public ConditionalText AddWithAlternatives(StackCondition condition, string text, string marker, IReadOnlyList<(StackCondition When, string Line)> alternatives)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf(marker + "\n", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new ArgumentException($"'{marker}' is not a line of the text.", nameof(marker));
        }

        parts.Add((condition,
        [
            [(StackCondition.Always, text[..at])],
            [.. alternatives.Select(a => (a.When, a.Line + "\n"))],
            [(StackCondition.Always, text[(at + marker.Length + 1)..])],
        ]));
        return this;
    }

    public string Render(StackSelection selection)
    {
        var text = new StringBuilder();
        foreach (var (_, segments) in parts.Where(p => p.Condition.Holds(selection)))
        {
            foreach (var choices in segments)
            {
                text.Append(choices.First(c => c.When.Holds(selection)).Text);
            }
        }

        return text.ToString();
    }

    /// <summary>The template: each conditional part between <c>{prefix}if (...)</c> and <c>{prefix}endif</c> lines.</summary>
    public string RenderTemplate(string prefix = "#")
    {
        var text = new StringBuilder();
        foreach (var (condition, segments) in parts)
        {
            var guarded = condition.Expression != StackCondition.Always.Expression;
            if (guarded)
            {
                text.Append(prefix).Append("if (").Append(condition.Expression).Append(")\n");
            }

            foreach (var choices in segments)
            {
                if (choices.Count == 1)
                {
                    text.Append(choices[0].Text);
                    continue;
                }

                for (var i = 0; i < choices.Count; i++)
                {
                    var fallback = i == choices.Count - 1 && choices[i].When.Expression == StackCondition.Always.Expression;
                    text.Append(prefix).Append(fallback ? "else\n" : (i == 0 ? "if (" : "elif (") + choices[i].When.Expression + ")\n");
                    text.Append(choices[i].Text);
                }

                text.Append(prefix).Append("endif\n");
            }

            if (guarded)
            {
                text.Append(prefix).Append("endif\n");
            }
        }

        return text.ToString();
    }
}
