using System.Text;
using Strata.Core.Diagnostics;
using Strata.Core.Text;

namespace Strata.Core.Datastores;

/// <summary>A file an add will write: its new text (a leading U+FEFF writes a byte-order mark) and its bytes before (null: created).</summary>
internal sealed record PlannedFile(string FullPath, string Display, string Text, byte[]? Original);

/// <summary>
/// A small text file of the dev stack (.env, .env.example, .gitignore) as it is before an add: read strictly as UTF-8
/// (a byte-order mark is kept), or absent. New lines are only ever appended, in the file's own line ending.
/// </summary>
internal sealed record StackTextFile(string FullPath, string Display, string Text, bool Bom, byte[]? Original)
{
    private const int MaxBytes = 1024 * 1024;

    public bool Exists => Original is not null;

    /// <summary>The non-comment lines, trimmed (an empty file has none).</summary>
    public IEnumerable<string> ContentLines
    {
        get
        {
            var lines = new LineText(Text);
            return Enumerable.Range(1, lines.Count).Select(i => lines[i].Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        }
    }

    /// <summary>The file, or null with STRATA3107 when it cannot be read (a directory, not UTF-8, over 1 MiB, an IO error).</summary>
    public static StackTextFile? Read(string fullPath, string display, string datastore, List<Diagnostic> diagnostics)
    {
        if (Directory.Exists(fullPath))
        {
            return Fail("it is a directory");
        }

        if (!File.Exists(fullPath))
        {
            return new StackTextFile(fullPath, display, string.Empty, false, null);
        }

        byte[] bytes;
        try
        {
            if (new FileInfo(fullPath).Length > MaxBytes)
            {
                return Fail("it is larger than 1 MiB");
            }

            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(ex.Message.TrimEnd('.'));
        }

        var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        var text = Utf8File.TryDecode(bytes.AsSpan(bom ? 3 : 0), out var invalid);
        return text is null
            ? Fail($"it is not valid UTF-8 (line {invalid.Line}, byte 0x{invalid.Value:X2})")
            : new StackTextFile(fullPath, display, text, bom, bytes);

        StackTextFile? Fail(string reason)
        {
            diagnostics.Add(DiagnosticCatalog.AddDatastoreStackFileNotUpdated.Create(new SourceLocation(display), display, datastore, reason));
            return null;
        }
    }

    /// <summary>The file with <paramref name="lines"/> appended; a new file starts with <paramref name="header"/> (LF-terminated lines).</summary>
    public PlannedFile Append(IEnumerable<string> lines, string header)
    {
        var newLine = Text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var text = new StringBuilder(Exists ? Text : header.Replace("\n", newLine, StringComparison.Ordinal));
        if (text.Length > 0 && text[^1] is not ('\n' or '\r'))
        {
            text.Append(newLine);
        }

        foreach (var line in lines)
        {
            text.Append(line).Append(newLine);
        }

        return new PlannedFile(FullPath, Display, (Bom ? "\uFEFF" : string.Empty) + text, Original);
    }
}
