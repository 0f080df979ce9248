using System.Security.Cryptography;
using Strata.Core.Catalog;
using Strata.Core.Compose;
using Strata.Core.Compose.Writing;
using Strata.Core.Diagnostics;
using Strata.Core.Templating;
using Strata.Core.Text;

namespace Strata.Core.Datastores;

/// <summary>The compose service a server datastore got, and the .env variable that holds its secret.</summary>
/// <param name="ComposeFile">The compose file as diagnostics show it (project-relative when inside the project).</param>
/// <param name="HostPorts">The ports published on 127.0.0.1, in the order of the engine's ports.</param>
/// <param name="SecretVariable">The variable in .env, or null when the engine has no secret.</param>
/// <param name="SecretAdded">True when a random value was written to .env; false when .env already had the variable.</param>
public sealed record AddedComposeService(string ComposeFile, string Service, string Image, IReadOnlyList<int> HostPorts, string? SecretVariable, bool SecretAdded);

internal sealed record DevStackPlan(AddedComposeService Service, IReadOnlyList<PlannedFile> Files);

/// <summary>
/// Plans what a server datastore adds to its service's development stack, without writing anything: its service (from
/// the engine catalog, <see cref="DevStackFiles.Service"/>) and named volume in the compose file the compose check reads,
/// its secret variable in .env (a random value) and .env.example (empty), and .env in .gitignore. Host ports are the
/// engine's, or the next ones the file does not publish yet; the secret variable is the engine's, or
/// &lt;NAME&gt;_&lt;VARIABLE&gt; when the stack already uses it for another store.
/// </summary>
internal static class DevStackEditor
{
    private const string EnvHeader = """
        # Secrets for the compose file and, in Development, for the service. Values generated at random by Strata
        # (dotnet new strata-datastore); git-ignored: never commit them.

        """;

    private const string ExampleHeader = """
        # The secrets the compose file needs. Copy this file to .env and fill it in. .env is git-ignored: never commit real values.

        """;

    public static DevStackPlan? Plan(string projectDirectory, string composeFile, string name, EngineDescriptor engine, string serviceName, List<Diagnostic> diagnostics)
    {
        var spec = engine.Container ?? throw new ArgumentException($"{engine.Id} needs no container.", nameof(engine));
        var composePath = Locate(projectDirectory, composeFile);
        var compose = ComposeFileEditor.Open(composePath, Display(projectDirectory, composePath), Header(serviceName), diagnostics);
        if (compose is null)
        {
            return null;
        }

        if (compose.Conflict(name) is { } conflict)
        {
            diagnostics.Add(conflict);
            return null;
        }

        var stackDirectory = Path.GetDirectoryName(composePath)!;
        var env = ReadNextTo(".env");
        var example = ReadNextTo(".env.example");
        if (env is null || example is null)
        {
            return null;
        }

        var published = compose.PublishedPorts();
        var hostPorts = spec.Ports.Select(p => NextFree(published, p.Port)).ToList();
        var secret = spec.SecretVariable;
        var used = compose.InterpolatedVariables();
        if (secret is not null && (used.Contains(secret) || Variables(env).Contains(secret)))
        {
            var prefixed = name.ToUpperInvariant().Replace('-', '_') + "_" + secret;
            secret = prefixed;
            for (var n = 2; used.Contains(secret); n++)
            {
                secret = prefixed + "_" + n;
            }
        }

        var block = DevStackFiles.Service(engine, name, name.Replace('-', '_'), hostPorts: hostPorts, secretVariable: secret);
        var project = Path.GetRelativePath(stackDirectory, projectDirectory).Replace('\\', '/');
        if (spec.SchemaService is not null)
        {
            // The one-shot service that applies db/<name>/schema (MongoDB), as the service template writes it.
            block += DevStackFiles.SchemaService(engine, name, name.Replace('-', '_'), secret, project == "." ? "." : "./" + project);
        }

        if (compose.AddService(name, block, DevStackFiles.Volume(name), diagnostics) is not { } composeText)
        {
            return null;
        }

        var files = new List<PlannedFile> { composeText };
        if (spec.SchemaService is { Script: var script } && !File.Exists(Path.Combine(projectDirectory, script)))
        {
            files.Add(new PlannedFile(Path.GetFullPath(Path.Combine(projectDirectory, script)), script, EmbeddedTemplates.Read(script), Original: null));
        }

        var secretAdded = false;
        if (secret is not null)
        {
            if (!Variables(env).Contains(secret))
            {
                files.Add(env.Append([$"{secret}={RandomNumberGenerator.GetHexString(32, lowercase: true)}"], EnvHeader));
                secretAdded = true;
            }

            if (!Variables(example).Contains(secret))
            {
                files.Add(example.Append([$"{secret}="], ExampleHeader));
            }

            if (!EnvIgnored(stackDirectory))
            {
                if (ReadNextTo(".gitignore") is not { } gitignore)
                {
                    return null;
                }

                files.Add(gitignore.Append(["# Secrets of the compose file (dotnet new strata-datastore): never commit them.", ".env"], string.Empty));
            }
        }

        return new DevStackPlan(new AddedComposeService(compose.Display, name, spec.Image, hostPorts, secret, secretAdded), files);

        StackTextFile? ReadNextTo(string fileName)
        {
            var path = Path.Combine(stackDirectory, fileName);
            return StackTextFile.Read(path, Display(projectDirectory, path), name, diagnostics);
        }
    }

    /// <summary>The file the compose check reads: StrataComposeFile, else the first of Compose's own names that exists, else compose.yaml.</summary>
    internal static string Locate(string projectDirectory, string composeFile) =>
        !string.IsNullOrWhiteSpace(composeFile)
            ? Path.GetFullPath(Path.Combine(projectDirectory, composeFile.Trim()))
            : ComposeValidationRequest.DefaultFileNames.Select(n => Path.Combine(projectDirectory, n)).FirstOrDefault(File.Exists)
              ?? Path.Combine(projectDirectory, ComposeValidationRequest.DefaultFileNames[0]);

    private static string Display(string projectDirectory, string path) =>
        ProjectPaths.IsInside(projectDirectory, path) ? ProjectPaths.Relative(projectDirectory, path) : path;

    private static int NextFree(ISet<int> taken, int port)
    {
        while (!taken.Add(port))
        {
            port++;
        }

        return port;
    }

    /// <summary>The variables a .env-format file defines (KEY=VALUE, optionally after 'export ').</summary>
    private static HashSet<string> Variables(StackTextFile file) =>
        file.ContentLines
            .Select(l => l.StartsWith("export ", StringComparison.Ordinal) ? l["export ".Length..].TrimStart() : l)
            .Select(l => l.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? l[..eq].Trim() : string.Empty)
            .Where(v => v.Length > 0)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// True when a .gitignore ignores .env in <paramref name="directory"/>: its own, or one above it up to the repository
    /// root (the folder with .git). Plain patterns are recognised (.env, /.env, **/.env, .env*, *.env); no negations.
    /// </summary>
    private static bool EnvIgnored(string directory)
    {
        var folders = new List<string>();
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            folders.Add(folder.FullName);
            if (Path.Exists(Path.Combine(folder.FullName, ".git")))
            {
                break;
            }
        }

        if (!Path.Exists(Path.Combine(folders[^1], ".git")))
        {
            folders = [directory]; // not in a repository: only the folder's own .gitignore counts
        }

        for (var i = 0; i < folders.Count; i++)
        {
            var path = Path.Combine(folders[i], ".gitignore");
            string[] lines;
            try
            {
                lines = File.Exists(path) ? File.ReadAllLines(path) : [];
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (lines.Select(l => l.Trim()).Any(l => l is ".env" or "**/.env" or ".env*" or "*.env" or "**/.env*" || (i == 0 && l is "/.env" or "/.env*")))
            {
                return true;
            }
        }

        return false;
    }

    private static string Header(string serviceName) => $"""
        # The development stack of {serviceName}: one service per server datastore, added by `dotnet new strata-datastore`
        # from Strata's engine catalog (image tags, data paths, health checks). Every `dotnet build` checks this file
        # (STRATA30xx). No secret is written here: each comes from .env (git-ignored; .env.example lists them).
        # Ports are published on 127.0.0.1 only.
        #   docker compose up -d

        """;
}
