using Microsoft.Build.Framework;
using Strata.Core.Diagnostics;
using Strata.Core.Sql.Migrations;
using Strata.Core.Text;

namespace Strata.Build.Tasks;

/// <summary>
/// dotnet build -t:StrataLockMigrations: records every current migration of each SQL datastore as released in
/// db/&lt;datastore&gt;/migrations.lock. Edits of released migrations are recorded only for the versions named in
/// StrataAcceptEdits; otherwise they stay errors and the lock is left as it was.
/// </summary>
public sealed class LockMigrations : StrataTask
{
    /// <summary>Versions whose edits are recorded on purpose, separated by ';' or ','.</summary>
    public string AcceptEdits { get; set; } = "";

    protected override string Activity => "locking migrations";

    protected override void Run()
    {
        var diagnostics = new List<Diagnostic>();
        var datastores = ResolveDatastores(diagnostics);
        var accept = AcceptEdits.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var locks = MigrationBuild.Lock(ProjectDirectory, datastores, accept, diagnostics);
        Report(diagnostics);
        foreach (var (relative, content) in locks)
        {
            var path = Path.Combine(ProjectDirectory, relative);
            var changed = GeneratedFile.WriteIfChanged(path, content);
            Log.LogMessage(MessageImportance.High, $"Strata: {relative} {(changed ? "updated" : "already up to date")}");
        }
    }
}
