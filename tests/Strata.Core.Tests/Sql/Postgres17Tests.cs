using System.Diagnostics;
using Strata.Core.Catalog;
using Strata.Core.Datastores;
using Strata.Core.Sql.Migrations;
using Strata.Core.Templating;
using Strata.Tests.Shared;

namespace Strata.Core.Tests.Sql;

/// <summary>The generated PostgreSQL script on PostgreSQL 17 with pgvector (PGlite), as psql runs it.</summary>
public sealed class Postgres17Tests(PgliteServer pglite) : IClassFixture<PgliteServer>, IDisposable
{
    private readonly MigrationFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [PgliteFact]
    public void A_pgvector_chain_applies_on_postgres_17_and_the_second_psql_run_changes_nothing()
    {
        _folder.Add("0001_vectors.sql", "CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, embedding vector(3) NOT NULL);\nCREATE INDEX ix_items_embedding ON items USING hnsw (embedding vector_l2_ops);\n-- strata:down\nDROP TABLE items;\n")
               .Add("0002_seed.sql", "INSERT INTO items (embedding) VALUES ('[1,0,0]'), ('[0,1,0]');\n");
        var result = MigrationBuild.Run(_folder.Project, [new DatastoreDeclaration("main", EngineCatalog.Postgres)], new MigrationBuildOptions { OutputDirectory = "obj/strata" }, HandlebarsTextRenderer.Instance);
        result.Diagnostics.Where(d => d.IsError).ShouldBeEmpty();
        var script = Path.Combine(_folder.Project, "migrate.sql");
        File.WriteAllText(script, result.Scripts.Single().Content);

        Psql("-f", script);
        Psql("-f", script);
        Psql("-At", "-c", "SELECT current_setting('server_version_num')::int / 10000").Trim().ShouldBe("17");
        Psql("-At", "-c", "SELECT string_agg(version, ',' ORDER BY version) FROM strata_schema_history").Trim().ShouldBe("1,2");
        Psql("-At", "-c", "SELECT id FROM items ORDER BY embedding <-> '[0.9,0.1,0]' LIMIT 1").Trim().ShouldBe("1");
        Psql("-At", "-c", "SELECT count(*) FROM items").Trim().ShouldBe("2", "the second run applied nothing again");
    }

    private string Psql(params string[] args)
    {
        var bin = PostgresServer.FindBinDirectory() ?? throw new InvalidOperationException("psql not found");
        var start = new ProcessStartInfo(Path.Combine(bin, "psql")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", pglite.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in PgliteServer.ClientEnvironment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error);
        return output.Result;
    }
}
