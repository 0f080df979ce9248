using Microsoft.Build.Framework;
using Strata.Core.Datastores;
using Strata.Core.Diagnostics;
using Task = Microsoft.Build.Utilities.Task;

namespace Strata.Build.Tasks;

/// <summary>
/// What every Strata task shares: diagnostics mapped to MSBuild errors and warnings with code, help link, file, line and
/// column; and no stack trace ever reaching the user (an unexpected failure becomes STRATA0005).
/// </summary>
public abstract class StrataTask : Task
{
    /// <summary>The project's full path; diagnostics with project-relative paths are resolved against its folder.</summary>
    [Required]
    public string ProjectFile { get; set; } = "";

    /// <summary>The project's Datastore items (Include = name, metadata Engine).</summary>
    public ITaskItem[] Datastores { get; set; } = [];

    protected string ProjectDirectory => Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;

    public sealed override bool Execute()
    {
        try
        {
            Run();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Report(DiagnosticCatalog.InternalError.Create(new SourceLocation(ProjectFile), Activity, ex.Message.TrimEnd('.')));
            Log.LogMessage(MessageImportance.Low, ex.ToString());
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>What the task was doing, for STRATA0005's message.</summary>
    protected abstract string Activity { get; }

    protected abstract void Run();

    protected IReadOnlyList<DatastoreDeclaration> ResolveDatastores(ICollection<Diagnostic> diagnostics)
    {
        // A plain loop: LINQ over the Item struct is framework code JIT-compiled in every build process.
        var items = new DatastoreDeclarations.Item[Datastores.Length];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = new DatastoreDeclarations.Item(Datastores[i].ItemSpec, Datastores[i].GetMetadata("Engine"));
        }

        return DatastoreDeclarations.Resolve(items, Path.GetFullPath(ProjectFile), diagnostics);
    }

    /// <summary>Project-relative paths become absolute (clickable); a path that cannot be resolved is shown as given.</summary>
    private string ResolveFile(string file)
    {
        try
        {
            return file.Length == 0 || Path.IsPathRooted(file) ? file : Path.GetFullPath(Path.Combine(ProjectDirectory, file));
        }
        catch (ArgumentException)
        {
            return file;
        }
    }

    protected void Report(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Report(diagnostic);
        }
    }

    protected void Report(Diagnostic d)
    {
        var file = ResolveFile(d.Location.File);
        var (line, column, endLine, endColumn) = (d.Location.Line, d.Location.Column, d.Location.EndLine, d.Location.EndColumn);
        switch (d.Severity)
        {
            case DiagnosticSeverity.Error:
                Log.LogError(null, d.Id, null, d.Descriptor.HelpLink, file, line, column, endLine, endColumn, d.Message);
                break;
            case DiagnosticSeverity.Warning:
                Log.LogWarning(null, d.Id, null, d.Descriptor.HelpLink, file, line, column, endLine, endColumn, d.Message);
                break;
            default:
                Log.LogMessage(null, d.Id, null, file, line, column, endLine, endColumn, MessageImportance.Normal, d.Message);
                break;
        }
    }
}
