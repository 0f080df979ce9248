using System.Text.RegularExpressions;
using Strata.Core.Compose;
using Strata.Core.Diagnostics;
using Strata.Core.Docs;
using YamlDotNet.RepresentationModel;

namespace Strata.Core.Schemas;

/// <summary>
/// The eviction policy a Redis datastore's compose service runs with: <c>--maxmemory-policy</c> in its command, or
/// null (Redis's default, noeviction). Read with the compose check's loader and service matching; a compose file that
/// is missing, unreadable or without a service for the datastore gives no answer (the compose check reports those).
/// </summary>
internal sealed partial record RedisComposePolicy(string ComposeFile, string Service, string? Policy)
{
    public string Describe => Policy is null ? "no --maxmemory-policy (Redis's default, noeviction)" : $"--maxmemory-policy {Policy}";

    public string Effective => Policy ?? "noeviction";

    public static RedisComposePolicy? Read(string projectDirectory, string composeFile, string datastore, IReadOnlyList<DeclaredDatastore> declared)
    {
        var candidates = string.IsNullOrWhiteSpace(composeFile) ? ComposeValidationRequest.DefaultFileNames : [composeFile];
        var path = candidates.Select(c => Path.GetFullPath(Path.Combine(projectDirectory, c))).FirstOrDefault(File.Exists);
        if (path is null)
        {
            return null;
        }

        var display = DocPaths.Display(projectDirectory, path);
        var ignored = new List<Diagnostic>();
        try
        {
            if (new FileInfo(path).Length > ComposeLimits.MaxFileBytes || ComposeLoader.Load(display, File.ReadAllBytes(path), ignored) is not { } root)
            {
                return null;
            }

            var context = ComposeContext.Create(new ComposeYaml(display), root, declared, ignored);
            var service = context?.Services.FirstOrDefault(s => s.Datastore?.Name == datastore);
            if (context is null || service is null)
            {
                return null;
            }

            var command = context.Yaml.Get(service.Body, "command") switch
            {
                YamlScalarNode scalar => scalar.Value ?? "",
                YamlSequenceNode list => string.Join(' ', list.Children.OfType<YamlScalarNode>().Select(s => s.Value)),
                _ => "",
            };
            var match = PolicyFlag().Match(command);
            return new RedisComposePolicy(display, service.Name, match.Success ? match.Groups[1].Value : null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"--maxmemory-policy(?:\s+|=)[""']?([a-z-]+)", RegexOptions.CultureInvariant)]
    private static partial Regex PolicyFlag();
}
