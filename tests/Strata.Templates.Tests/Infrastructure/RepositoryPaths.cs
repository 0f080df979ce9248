namespace Strata.Templates.Tests.Infrastructure;

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Templates.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Templates.sln not found above " + AppContext.BaseDirectory);
    }
}
