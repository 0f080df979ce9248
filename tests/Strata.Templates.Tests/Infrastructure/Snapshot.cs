using System.Text;

namespace Strata.Templates.Tests.Infrastructure;

/// <summary>
/// Our own small snapshot check of a generated tree (TemplateVerifier and Verify are not obtainable here). Each file
/// of the tree is compared with tests/Strata.Templates.Tests/Snapshots/&lt;name&gt;/&lt;path&gt;.snap (the suffix keeps
/// snapshot sources out of the test project's compilation); a mismatch fails with a line diff
/// per file. Accept new snapshots with: STRATA_ACCEPT_SNAPSHOTS=1 dotnet test tests/Strata.Templates.Tests --filter Snapshot
/// </summary>
public static class Snapshot
{
    private const string Suffix = ".snap";

    public static string Directory(string name) => Path.Combine(RepositoryPaths.Root, "tests", "Strata.Templates.Tests", "Snapshots", name);

    public static void Match(string name, string generatedRoot, Func<string, string>? normalize = null)
    {
        var expectedRoot = Directory(name);
        var received = ReadTree(generatedRoot, normalize ?? (s => s));
        if (System.Environment.GetEnvironmentVariable("STRATA_ACCEPT_SNAPSHOTS") == "1")
        {
            if (System.IO.Directory.Exists(expectedRoot))
            {
                System.IO.Directory.Delete(expectedRoot, recursive: true);
            }

            foreach (var (path, content) in received)
            {
                var target = Path.Combine(expectedRoot, path + Suffix);
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, content);
            }

            return;
        }

        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (System.IO.Directory.Exists(expectedRoot))
        {
            foreach (var (path, content) in ReadTree(expectedRoot, s => s))
            {
                expected[path.EndsWith(Suffix, StringComparison.Ordinal) ? path[..^Suffix.Length] : path] = content;
            }
        }
        var report = new StringBuilder();
        foreach (var path in expected.Keys.Except(received.Keys))
        {
            report.AppendLine($"- missing from the generated tree: {path}");
        }

        foreach (var path in received.Keys.Except(expected.Keys))
        {
            report.AppendLine($"+ new in the generated tree: {path}");
        }

        foreach (var path in received.Keys.Intersect(expected.Keys).Where(p => expected[p] != received[p]))
        {
            report.AppendLine($"~ {path}:");
            report.Append(LineDiff(expected[path], received[path]));
        }

        if (report.Length > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"The generated tree differs from snapshot '{name}'. If the change is intended, accept it with\n" +
                "  STRATA_ACCEPT_SNAPSHOTS=1 dotnet test tests/Strata.Templates.Tests --filter Snapshot\n\n" + report);
        }
    }

    private static SortedDictionary<string, string> ReadTree(string root, Func<string, string> normalize)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.GetFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal))
            {
                continue;
            }

            files[relative] = normalize(File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        return files;
    }

    /// <summary>A plain line diff: good enough to read, with the first differing lines and their numbers.</summary>
    private static string LineDiff(string expected, string received)
    {
        var a = expected.Split('\n');
        var b = received.Split('\n');
        var report = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < Math.Max(a.Length, b.Length) && shown < 20; i++)
        {
            var left = i < a.Length ? a[i] : null;
            var right = i < b.Length ? b[i] : null;
            if (left == right)
            {
                continue;
            }

            if (left is not null)
            {
                report.AppendLine($"    {i + 1,4} - {left}");
            }

            if (right is not null)
            {
                report.AppendLine($"    {i + 1,4} + {right}");
            }

            shown++;
        }

        return report.ToString();
    }
}
