using System.Text.RegularExpressions;

namespace Strata.Core.Docs;

/// <summary>
/// Recognises text a template or a hurried author leaves behind: TODO, TBD, FIXME, XXX, angle-bracket
/// placeholders such as &lt;team-name&gt; or &lt;...&gt;, and "Describe ..." instructions.
/// </summary>
internal static partial class Placeholders
{
    /// <summary>HTML elements that may legitimately appear in Markdown prose; any other &lt;tag&gt; is a placeholder.</summary>
    private static readonly HashSet<string> HtmlElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div", "dl", "dt", "em",
        "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol",
        "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody",
        "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    };

    /// <summary>The first placeholder in a piece of plain text: its index and a short description.</summary>
    public static (int Index, string What)? Find(string text, bool angleBrackets = true)
    {
        for (var match = Pattern().Match(text); match.Success; match = match.NextMatch())
        {
            if (match.Groups["word"].Success)
            {
                return (match.Index, $"'{match.Value}'");
            }

            if (match.Groups["describe"].Success)
            {
                return (match.Groups["describe"].Index, "an instruction starting with 'Describe'");
            }

            if (angleBrackets)
            {
                return (match.Index, $"the angle-bracket placeholder '{DocFields.Shorten(match.Value)}'");
            }
        }

        return null;
    }

    /// <summary>Raw HTML (a block or a comment): tags are real HTML, so only words and "Describe" count.</summary>
    public static (int Index, string What)? FindInHtml(string html) =>
        Find(html.Replace("<!--", "    ", StringComparison.Ordinal).Replace("-->", "   ", StringComparison.Ordinal), angleBrackets: false);

    /// <summary>True for an inline HTML tag that is not a real HTML element, e.g. &lt;team-name&gt;.</summary>
    public static bool IsPlaceholderTag(string tag)
    {
        var match = TagName().Match(tag);
        return match.Success && !HtmlElements.Contains(match.Groups[1].Value);
    }

    // word: upper-case markers as whole words. angle: <x> with no space just inside the brackets.
    // describe: "Describe" starting the text or a sentence.
    [GeneratedRegex(@"(?<word>(?<![\w])(?:TODO|TBD|FIXME|XXX)(?![\w]))|(?<angle><[^\s<>][^<>\r\n]{0,200}?(?<=[^\s<>])>|<[^\s<>]>)|(?:^\s*|(?<=[.!?:]\s+))(?<describe>Describe\b)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^<([A-Za-z][A-Za-z0-9-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex TagName();
}
