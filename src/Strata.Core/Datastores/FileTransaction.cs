using Strata.Core.Text;

namespace Strata.Core.Datastores;

/// <summary>
/// The writes of one add, undone together: files created with "create new" semantics (never replacing one), files
/// replaced atomically (temp file and rename, <see cref="GeneratedFile"/>) only while they still hold the bytes that were
/// planned against. <see cref="Rollback"/> deletes what was created (and the folders made for it) and puts back what was
/// replaced, so a failure half-way leaves every file as it was.
/// </summary>
internal sealed class FileTransaction
{
    private readonly List<string> _created = [];
    private readonly List<(string Path, byte[]? Original)> _replaced = [];
    private readonly List<string> _folders = [];

    /// <summary>Creates the file; false (and nothing written) when something already exists at the path.</summary>
    public bool CreateNew(string path, byte[] bytes)
    {
        CreateFolders(Path.GetDirectoryName(path)!);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (IOException) when (File.Exists(path) || Directory.Exists(path))
        {
            return false;
        }

        _created.Add(path);
        using (stream)
        {
            stream.Write(bytes);
        }

        return true;
    }

    /// <summary>Writes <paramref name="text"/> over the file, which must still be as planned (<paramref name="original"/>; null: absent).</summary>
    /// <exception cref="IOException">The file changed since it was read, or the write failed.</exception>
    public void Replace(string path, string text, byte[]? original)
    {
        var current = File.Exists(path) ? File.ReadAllBytes(path) : null;
        if (original is null ? current is not null || Directory.Exists(path) : current is null || !current.AsSpan().SequenceEqual(original))
        {
            throw new IOException("it changed while the datastore was being added");
        }

        CreateFolders(Path.GetDirectoryName(path)!);
        _replaced.Add((path, original));
        GeneratedFile.WriteIfChanged(path, text);
    }

    /// <summary>Best effort: every step is tried even when one fails.</summary>
    public void Rollback()
    {
        foreach (var (path, original) in Enumerable.Reverse(_replaced))
        {
            Try(() =>
            {
                if (original is null)
                {
                    File.Delete(path);
                }
                else
                {
                    var temp = path + ".strata-restore.tmp";
                    File.WriteAllBytes(temp, original);
                    File.Move(temp, path, overwrite: true);
                }
            });
        }

        foreach (var path in Enumerable.Reverse(_created))
        {
            Try(() => File.Delete(path));
        }

        foreach (var folder in Enumerable.Reverse(_folders))
        {
            Try(() => Directory.Delete(folder));
        }

        static void Try(Action undo)
        {
            try
            {
                undo();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Keep undoing the rest.
            }
        }
    }

    private void CreateFolders(string folder)
    {
        var missing = new Stack<string>();
        for (var dir = Path.GetFullPath(folder); !Directory.Exists(dir); dir = Path.GetDirectoryName(dir)!)
        {
            missing.Push(dir);
        }

        foreach (var dir in missing)
        {
            Directory.CreateDirectory(dir);
            _folders.Add(dir);
        }
    }
}
