using System.Text;
using System.Text.Json;

namespace Strata.Core.Schemas.Json;

/// <summary>
/// Builds a <see cref="JNode"/> tree from UTF-8 JSON with System.Text.Json's reader: strict JSON (no trailing commas)
/// except that // and /* */ comments are skipped. No recursion (an explicit stack) and the reader's depth limit, so
/// any input is safe. Duplicate property names are kept and listed, for STRATA4012.
/// </summary>
internal static class JsonTreeReader
{
    public const int MaxDepth = 64;

    public sealed record Duplicate(string Name, int Offset, int FirstOffset);

    public sealed record Result(JNode? Root, IReadOnlyList<Duplicate> Duplicates, string? Error, int ErrorLine, long ErrorBytePosition, bool NoValue);

    public static Result Read(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false, MaxDepth = MaxDepth });
        var stack = new Stack<JNode>();
        var duplicates = new List<Duplicate>();
        JNode? root = null;
        string? name = null;
        int nameOffset = 0;
        try
        {
            while (reader.Read())
            {
                int at = (int)reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        name = reader.GetString();
                        nameOffset = at;
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.Pop();
                        continue;
                }

                JNode node = reader.TokenType switch
                {
                    JsonTokenType.StartObject => new JObject(at),
                    JsonTokenType.StartArray => new JArray(at),
                    JsonTokenType.String => new JString(at, reader.GetString()!),
                    JsonTokenType.Number => new JNumber(at, Encoding.UTF8.GetString(reader.ValueSpan)),
                    JsonTokenType.True => new JBool(at, true),
                    JsonTokenType.False => new JBool(at, false),
                    _ => new JNull(at),
                };
                if (stack.Count == 0)
                {
                    root = node;
                }
                else if (stack.Peek() is JObject parent)
                {
                    if (parent.Find(name!) is { } first)
                    {
                        duplicates.Add(new Duplicate(name!, nameOffset, first.NameOffset));
                    }

                    parent.Properties.Add(new JProperty(name!, nameOffset, node));
                }
                else
                {
                    ((JArray)stack.Peek()).Items.Add(node);
                }

                if (node is JObject or JArray)
                {
                    stack.Push(node);
                }
            }
        }
        catch (JsonException ex)
        {
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            message = (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.');
            return new Result(null, duplicates, message, (int)(ex.LineNumber ?? 0), ex.BytePositionInLine ?? 0, root is null && reader.TokenType == JsonTokenType.None);
        }
        catch (InvalidOperationException ex)
        {
            // GetString on an escape that is no valid UTF-16 (a lone surrogate such as "\uD800").
            int at = (int)reader.TokenStartIndex;
            return new Result(null, duplicates, ex.Message.TrimEnd('.'), -1, at, false);
        }

        return new Result(root, duplicates, null, 0, 0, false);
    }
}
