using System.Text;
using Strata.Core.Diagnostics;
using Strata.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Compose;

/// <summary>
/// Turns the bytes of a compose file into its root mapping, or into STRATA3001-3005. Order matters for hostile input:
/// size first, then UTF-8, then a non-recursive pass over YamlDotNet's parser events (depth, node count, alias
/// expansion, recursive aliases, duplicate keys) before YamlDotNet builds its (recursive) node tree.
/// </summary>
internal static class ComposeLoader
{
    public static YamlMappingNode? Load(string file, ReadOnlySpan<byte> bytes, List<Diagnostic> diagnostics)
    {
        if (bytes.Length > ComposeLimits.MaxFileBytes)
        {
            diagnostics.Add(DiagnosticCatalog.ComposeRejected.Create(SourceLocation.At(file, 1, 1), TooLarge(bytes.Length)));
            return null;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var text = Utf8File.TryDecode(bytes, out var invalid);
        if (text is null)
        {
            diagnostics.Add(DiagnosticCatalog.ComposeUnreadable.Create(SourceLocation.At(file, invalid.Line, invalid.Column),
                $"the file is not valid UTF-8 (invalid byte 0x{invalid.Value:X2} at byte offset {invalid.Offset}); save it as UTF-8"));
            return null;
        }

        return Parse(file, text, diagnostics);
    }

    internal static string TooLarge(long length) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the file is {length:N0} bytes, more than the limit of {ComposeLimits.MaxFileBytes:N0} bytes (4 MiB)");

    public static YamlMappingNode? Parse(string file, string yaml, List<Diagnostic> diagnostics)
    {
        if (PreScan(file, yaml) is { } rejection)
        {
            diagnostics.Add(rejection);
            return null;
        }

        YamlStream stream;
        try
        {
            stream = new YamlStream();
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            diagnostics.Add(DiagnosticCatalog.ComposeNotYaml.Create(At(file, ex.Start), YamlText.Message(ex)));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            diagnostics.Add(DiagnosticCatalog.ComposeUnexpectedShape.Create(SourceLocation.At(file, 1, 1),
                "the file is empty; a compose file is a mapping with a 'services:' key"));
            return null;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var node = stream.Documents[0].RootNode;
            diagnostics.Add(DiagnosticCatalog.ComposeUnexpectedShape.Create(At(file, node.Start),
                "the top level must be a mapping with a 'services:' key, not a " + (node is YamlSequenceNode ? "list" : "single value")));
            return null;
        }

        return root;
    }

    internal static SourceLocation At(string file, Mark mark) =>
        SourceLocation.At(file, (int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));

    private sealed class Frame(bool mapping, string? anchor)
    {
        public bool Mapping { get; } = mapping;

        public string? Anchor { get; } = anchor;

        public bool ExpectKey { get; set; } = true;

        public long Size { get; set; } = 1;

        public Dictionary<string, long>? Keys { get; set; }
    }

    /// <summary>Walks parser events without building nodes: nothing here recurses, so any nesting depth is safe.</summary>
    private static Diagnostic? PreScan(string file, string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var stack = new Stack<Frame>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new HashSet<string>(StringComparer.Ordinal);
        long events = 0, total = 0;
        var documents = 0;
        ParsingEvent? last = null;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current;
                if (++events > ComposeLimits.MaxEvents)
                {
                    return Rejected(current, $"it has more than {ComposeLimits.MaxEvents:N0} YAML nodes");
                }

                switch (current)
                {
                    case DocumentStart when ++documents > 1:
                        return DiagnosticCatalog.ComposeUnexpectedShape.Create(At(file, current.Start),
                            "it holds more than one YAML document ('---'); Compose reads one");
                    case Scalar scalar:
                        if (KeyCheck(scalar, scalar.Value) is { } duplicate)
                        {
                            return duplicate;
                        }

                        Define(scalar.Anchor, 1);
                        if (Add(1) is { } tooBig)
                        {
                            return tooBig;
                        }

                        break;
                    case AnchorAlias alias:
                        if (KeyCheck(alias, null) is { } aliasKey)
                        {
                            return aliasKey;
                        }

                        if (open.Contains(alias.Value.Value))
                        {
                            return Rejected(alias, $"the alias '*{YamlText.Truncate(alias.Value.Value)}' refers to a node that contains it (a recursive structure)");
                        }

                        if (!anchors.TryGetValue(alias.Value.Value, out var size))
                        {
                            return DiagnosticCatalog.ComposeNotYaml.Create(At(file, alias.Start),
                                $"the alias '*{YamlText.Truncate(alias.Value.Value)}' refers to no anchor '&{YamlText.Truncate(alias.Value.Value)}' defined before it");
                        }

                        if (Add(size) is { } bomb)
                        {
                            return bomb;
                        }

                        break;
                    case NodeEvent collection and (MappingStart or SequenceStart):
                        if (KeyCheck(collection, null) is { } complexKey)
                        {
                            return complexKey;
                        }

                        if (stack.Count + 1 > ComposeLimits.MaxDepth)
                        {
                            return Rejected(collection, $"it nests mappings or lists more than {ComposeLimits.MaxDepth} levels deep");
                        }

                        var anchor = collection.Anchor.IsEmpty ? null : collection.Anchor.Value;
                        if (anchor is not null)
                        {
                            open.Add(anchor);
                        }

                        stack.Push(new Frame(collection is MappingStart, anchor));
                        break;
                    case MappingEnd or SequenceEnd:
                        var frame = stack.Pop();
                        if (frame.Anchor is not null)
                        {
                            open.Remove(frame.Anchor);
                            anchors[frame.Anchor] = frame.Size;
                        }

                        if (Add(frame.Size) is { } expanded)
                        {
                            return expanded;
                        }

                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            return DiagnosticCatalog.ComposeNotYaml.Create(At(file, ex.Start), YamlText.Message(ex));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16.3 throws this (without a position) for some unterminated flow collections.
            var where = last?.End ?? Mark.Empty;
            return DiagnosticCatalog.ComposeNotYaml.Create(At(file, where),
                "the YAML parser stopped after this point; an unclosed '[' or '{' is a common cause");
        }

        return null;

        Diagnostic Rejected(ParsingEvent at, string reason) => DiagnosticCatalog.ComposeRejected.Create(At(file, at.Start), reason);

        void Define(AnchorName anchor, long size)
        {
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = size;
            }
        }

        Diagnostic? Add(long size)
        {
            if (stack.Count == 0)
            {
                total = Math.Min(total + size, ComposeLimits.MaxExpandedNodes + 1);
            }
            else
            {
                stack.Peek().Size = Math.Min(stack.Peek().Size + size, ComposeLimits.MaxExpandedNodes + 1);
            }

            return total > ComposeLimits.MaxExpandedNodes || (stack.Count > 0 && stack.Peek().Size > ComposeLimits.MaxExpandedNodes)
                ? Rejected(last!, $"its aliases expand to more than {ComposeLimits.MaxExpandedNodes:N0} nodes (an alias bomb?)")
                : null;
        }

        // A node starting inside a mapping is a key or a value, alternately; scalar keys must be unique (Compose and
        // YAML reject duplicates; YamlDotNet would also stop, but with a less helpful message).
        Diagnostic? KeyCheck(ParsingEvent node, string? key)
        {
            if (stack.Count == 0 || !stack.Peek().Mapping)
            {
                return null;
            }

            var frame = stack.Peek();
            if (!frame.ExpectKey)
            {
                frame.ExpectKey = true;
                return null;
            }

            frame.ExpectKey = false;
            if (key is null)
            {
                return null;
            }

            frame.Keys ??= new Dictionary<string, long>(StringComparer.Ordinal);
            if (frame.Keys.TryGetValue(key, out var firstLine))
            {
                return DiagnosticCatalog.ComposeDuplicateKey.Create(At(file, node.Start), YamlText.Truncate(key), firstLine);
            }

            frame.Keys[key] = node.Start.Line;
            return null;
        }
    }




}
