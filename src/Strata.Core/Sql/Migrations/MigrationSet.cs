using Strata.Core.Diagnostics;

namespace Strata.Core.Sql.Migrations;

/// <summary>The ordered migrations of one datastore and what was wrong with them.</summary>
public sealed record MigrationSet(string Datastore, string Folder, IReadOnlyList<MigrationFile> Migrations, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
