using System.Globalization;
using System.Text;
using Strata.Core.Diagnostics;
using Strata.Migrations.Script;

namespace Strata.Core.Sql.Migrations;

/// <summary>
/// db/&lt;datastore&gt;/migrations.lock: the released migrations and their checksums, one line each, committed. Line
/// based and sorted so git's union merge (set by the template's .gitattributes) combines two branches' additions.
/// <code>0003 &lt;sha256 of the body&gt; 0003_add_index.sql [accepts=&lt;sha256&gt;,...]</code>
/// An accepted edit keeps the checksums it replaced, so databases that applied an older text still verify.
/// </summary>
public sealed record MigrationLock(IReadOnlyList<MigrationLock.Entry> Entries)
{
    public const string FileName = "migrations.lock";

    // Indexed by normalized version (the first entry of a version wins): a build looks up every migration of a
    // 1,000-migration chain.
    private readonly Dictionary<string, Entry> _byVersion = Index(Entries);

    public sealed record Entry(string Version, string Checksum, string FileName, IReadOnlyList<string> Accepts, int Line);

    public static MigrationLock Empty { get; } = new([]);

    public Entry? Find(string version) => _byVersion.GetValueOrDefault(MigrationVersion.Normalize(version));

    /// <summary>The numerically highest version (the first of equal ones), or null when the lock is empty.</summary>
    public string? HighestVersion { get; } = Highest(Entries);

    private static Dictionary<string, Entry> Index(IReadOnlyList<Entry> entries)
    {
        var byVersion = new Dictionary<string, Entry>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            byVersion.TryAdd(MigrationVersion.Normalize(entry.Version), entry);
        }

        return byVersion;
    }

    /// <summary>MigrationVersion.Compare's order (more significant digits is higher, then ordinal), without allocating.</summary>
    private static string? Highest(IReadOnlyList<Entry> entries)
    {
        string? highest = null;
        var highestDigits = ReadOnlySpan<char>.Empty;
        foreach (var entry in entries)
        {
            var digits = entry.Version.AsSpan().TrimStart('0');
            digits = digits.IsEmpty ? "0" : digits;
            if (highest is null || digits.Length > highestDigits.Length || (digits.Length == highestDigits.Length && digits.SequenceCompareTo(highestDigits) > 0))
            {
                highest = entry.Version;
                highestDigits = digits;
            }
        }

        return highest;
    }

    public static MigrationLock Parse(string text, string relativePath, ICollection<Diagnostic> diagnostics)
    {
        var entries = new List<Entry>();
        int lineNumber = 0;
        var all = MigrationChecksum.Normalize(text);
        for (int start = 0; start <= all.Length; lineNumber++)
        {
            int end = all.IndexOf('\n', start);
            end = end < 0 ? all.Length : end;
            var span = all.AsSpan(start, end - start);
            start = end + 1;
            var trimmed = span.Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                continue;
            }

            var line = trimmed.ToString();
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var accepts = parts.Length == 4 && parts[3].StartsWith("accepts=", StringComparison.Ordinal)
                ? parts[3]["accepts=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries)
                : [];
            if (parts.Length is < 3 or > 4 || !MigrationVersion.IsValid(parts[0]) || !IsChecksum(parts[1]) ||
                (parts.Length == 4 && (accepts.Length == 0 || !accepts.All(IsChecksum))))
            {
                diagnostics.Add(DiagnosticCatalog.MalformedLock.Create(SourceLocation.At(relativePath, lineNumber + 1, 1), line));
                continue;
            }

            entries.Add(new Entry(parts[0], parts[1], parts[2], accepts, lineNumber + 1));
        }

        return new MigrationLock(entries);
    }

    /// <summary>The file's text: a header saying what it is, then one line per entry in version order.</summary>
    public string Format(string datastore)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Released migrations of datastore '{datastore}' and their checksums. Commit this file.\n");
        text.Append("# A build fails if a listed migration is edited. Update with: dotnet build -t:StrataLockMigrations\n");
        foreach (var entry in Entries.OrderBy(e => e.Version, Comparer<string>.Create(MigrationVersion.Compare)))
        {
            text.Append(CultureInfo.InvariantCulture, $"{entry.Version} {entry.Checksum} {entry.FileName}");
            if (entry.Accepts.Count > 0)
            {
                text.Append(" accepts=").Append(string.Join(',', entry.Accepts));
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static bool IsChecksum(string value)
    {
        if (value.Length != 64)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigitLower(c))
            {
                return false;
            }
        }

        return true;
    }
}
