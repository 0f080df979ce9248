using System.Collections;
using System.Globalization;
using System.Text;

namespace Strata.Core.Templating;

/// <summary>A model a <see cref="LayoutTemplate"/> can render: its values by the names the template uses.</summary>
public interface ITemplateScope
{
    /// <summary>The value named <paramref name="name"/>; false when the model has no such member.</summary>
    bool TryGetValue(string name, out object? value);
}

/// <summary>
/// Strata's shipped layouts (the .hbs files embedded in Strata.Core) rendered without Handlebars.Net's compile, which in
/// a fresh build process costs tens of milliseconds of start-up. It reads the .hbs itself, the single source of each
/// layout, and accepts only the part of Handlebars those files use: <c>{{name}}</c> (no escaping: Strata renders with
/// NoEscape), and <c>{{#if name}}</c>, <c>{{#unless name}}</c>, <c>{{#each name}}</c> blocks with Handlebars' rule for
/// standalone lines (a line holding only a block tag and blanks disappears with its line end). Anything else (else,
/// comments, partials, triple or escaped mustaches, whitespace control, paths, helpers with arguments) is refused by
/// <see cref="TryParse"/>, and the caller then renders with Handlebars. A user's template always goes to Handlebars.
/// Tests render every shipped layout both ways over the same models and compare the bytes.
/// </summary>
public sealed class LayoutTemplate
{
    private readonly Node[] _nodes;

    private LayoutTemplate(Node[] nodes) => _nodes = nodes;

    /// <summary>Parses <paramref name="text"/>, or says why it is outside the supported part of Handlebars.</summary>
    public static bool TryParse(string text, out LayoutTemplate? template, out string? unsupported)
    {
        ArgumentNullException.ThrowIfNull(text);
        template = null;
        var stack = new Stack<(Block Block, List<Node> Parent)>();
        var nodes = new List<Node>();
        int position = 0;
        while (position < text.Length)
        {
            int open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                nodes.Add(new Text(text[position..]));
                break;
            }

            int close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                unsupported = "a '{{' without '}}'";
                return false;
            }

            if (open > 0 && text[open - 1] == '\\')
            {
                unsupported = "an escaped mustache (\\{{)";
                return false;
            }

            var tag = text.AsSpan(open + 2, close - open - 2);
            if (tag.Length == 0 || tag[0] is '{' or '!' or '>' or '~' or '&' or '^' or '*' || tag[^1] == '~' || tag.Contains("{{", StringComparison.Ordinal))
            {
                unsupported = $"the tag '{{{{{tag}}}}}'";
                return false;
            }

            int end = close + 2;
            bool isBlockTag = tag[0] is '#' or '/';
            int textEnd = open;
            if (isBlockTag && Standalone(text, open, end, out int lineStart, out int lineEnd))
            {
                textEnd = lineStart;
                end = lineEnd;
            }

            textEnd = Math.Max(textEnd, position);
            if (textEnd > position)
            {
                nodes.Add(new Text(text[position..textEnd]));
            }

            position = end;
            if (tag[0] == '#')
            {
                var parts = tag[1..].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || parts[0] is not ("if" or "unless" or "each") || !IsName(parts[1]))
                {
                    unsupported = $"the block '{{{{{tag}}}}}'";
                    return false;
                }

                var block = new Block(parts[0], parts[1]);
                nodes.Add(block);
                stack.Push((block, nodes));
                nodes = block.Open;
            }
            else if (tag[0] == '/')
            {
                var name = tag[1..].Trim().ToString();
                if (stack.Count == 0 || stack.Peek().Block.Kind != name)
                {
                    unsupported = $"the unmatched '{{{{{tag}}}}}'";
                    return false;
                }

                var (closed, parent) = stack.Pop();
                closed.Close();
                nodes = parent;
            }
            else
            {
                var name = tag.Trim().ToString();
                if (!IsName(name))
                {
                    unsupported = $"the expression '{{{{{tag}}}}}'";
                    return false;
                }

                nodes.Add(new Value(name));
            }
        }

        if (stack.Count > 0)
        {
            unsupported = $"the unclosed '{{{{#{stack.Peek().Block.Kind} {stack.Peek().Block.Name}}}}}'";
            return false;
        }

        template = new LayoutTemplate([.. nodes]);
        unsupported = null;
        return true;
    }

    /// <summary>The text Handlebars.Net (NoEscape, ThrowOnUnresolvedBindingExpression) makes of the layout and model.</summary>
    /// <exception cref="InvalidOperationException">The model lacks a name the layout uses, or has a value the layout cannot show.</exception>
    public string Render(ITemplateScope model, int capacity = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        var output = new StringBuilder(capacity);
        Write(_nodes, model, output);
        return output.ToString();
    }

    private static void Write(Node[] nodes, ITemplateScope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case Text text:
                    output.Append(text.Content);
                    break;
                case Value value:
                    switch (Lookup(scope, value.Name))
                    {
                        case string s:
                            output.Append(s);
                            break;
                        case int i:
                            output.Append(i.ToString(CultureInfo.InvariantCulture));
                            break;
                        case null:
                            break;
                        case var other:
                            throw new InvalidOperationException($"'{{{{{value.Name}}}}}' is a {other.GetType().Name}, which a built-in layout does not write.");
                    }

                    break;
                case Block { Kind: "each" } each:
                    if (Lookup(scope, each.Name) is IEnumerable items and not string)
                    {
                        var children = each.Children;
                        foreach (var item in items)
                        {
                            Write(children, item as ITemplateScope ?? throw new InvalidOperationException($"An item of '{each.Name}' is not a template scope."), output);
                        }
                    }

                    break;
                case Block block:
                    if (IsTruthy(Lookup(scope, block.Name)) == (block.Kind == "if"))
                    {
                        Write(block.Children, scope, output);
                    }

                    break;
            }
        }
    }

    private static object? Lookup(ITemplateScope scope, string name) =>
        scope.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"The model has no '{name}'.");

    // Handlebars' falsy values among those a layout model holds: null, false, "", 0 and an empty collection.
    private static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        string s => s.Length > 0,
        int i => i != 0,
        ICollection c => c.Count > 0,
        _ => throw new InvalidOperationException($"A {value.GetType().Name} is not a condition a built-in layout tests."),
    };

    private static bool IsName(string name)
    {
        if (name.Length == 0 || name is "this" or "else" or "true" or "false" or "null" or "undefined" || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A block tag alone on its line (only spaces or tabs around it): Handlebars drops the line's blanks and its line
    /// end, so the text resumes at <paramref name="lineEnd"/> and the text before stops at <paramref name="lineStart"/>.
    /// </summary>
    private static bool Standalone(string text, int open, int end, out int lineStart, out int lineEnd)
    {
        lineStart = open;
        while (lineStart > 0 && text[lineStart - 1] is ' ' or '\t')
        {
            lineStart--;
        }

        lineEnd = end;
        while (lineEnd < text.Length && text[lineEnd] is ' ' or '\t')
        {
            lineEnd++;
        }

        bool startsLine = lineStart == 0 || text[lineStart - 1] == '\n';
        if (lineEnd < text.Length && text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n')
        {
            lineEnd += 2;
        }
        else if (lineEnd < text.Length && text[lineEnd] == '\n')
        {
            lineEnd++;
        }
        else if (lineEnd < text.Length)
        {
            return false;
        }

        return startsLine;
    }

    private abstract class Node;

    private sealed class Text(string content) : Node
    {
        public string Content { get; } = content;
    }

    private sealed class Value(string name) : Node
    {
        public string Name { get; } = name;
    }

    private sealed class Block(string kind, string name) : Node
    {
        public string Kind { get; } = kind;

        public string Name { get; } = name;

        /// <summary>The children while parsing.</summary>
        public List<Node> Open { get; } = [];

        public Node[] Children { get; private set; } = [];

        public void Close() => Children = [.. Open];
    }
}
