using System.Reflection.PortableExecutable;

namespace Strata.Templates.Tests.Infrastructure;

/// <summary>Whether an assembly file is a ReadyToRun image: precompiled code the runtime uses instead of JIT-compiling.</summary>
public static class ReadyToRun
{
    /// <summary>A ReadyToRun image is an IL assembly whose CLI header points at a managed native header (crossgen2 writes it).</summary>
    public static bool IsImage(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader is { } cor && cor.ManagedNativeHeaderDirectory.Size > 0;
    }
}
