using System.Text;

namespace Strata.Core.Text;

/// <summary>Writes generated text atomically and only when it changed, so a failed or no-op build leaves files as they were.</summary>
public static class GeneratedFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <returns>True when the file was (re)written.</returns>
    public static bool WriteIfChanged(string path, string content)
    {
        var bytes = Utf8NoBom.GetBytes(content);
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }

        return true;
    }
}
