using Strata.Core.Diagnostics;
using Strata.Core.Docs;
using Strata.Core.Schemas.Json;

namespace Strata.Core.Schemas.Engines;

/// <summary>
/// Redis (docs/schema-files.md): the eviction policy the service relies on and its key conventions. The last file that
/// sets maxmemoryPolicy decides; it must match the compose service's --maxmemory-policy.
/// </summary>
internal sealed class RedisSchemaRules : JsonSchemaRules
{
    private static readonly string[] Top = ["maxmemoryPolicy", "keys"];
    private static readonly string[] KeyProperties = ["pattern", "ttl", "purpose"];

    internal static readonly string[] Policies =
        ["noeviction", "allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl"];

    private readonly Dictionary<string, (string File, int Line)> _patterns = new(StringComparer.Ordinal);
    private readonly List<(string Pattern, SourceLocation At)> _withoutTtl = [];
    private (string Policy, SourceLocation At)? _policy;

    protected override void CheckRoot(JsonChecks checks, JObject root, DatastoreSchemaRun run)
    {
        checks.Allow(root, "a Redis schema file", Top);
        if (checks.OneOf(root["maxmemoryPolicy"], "maxmemoryPolicy", Policies) is { } policy)
        {
            _policy = (policy, checks.At(root["maxmemoryPolicy"]!));
        }

        foreach (var (key, path) in checks.Objects(root["keys"], "keys"))
        {
            checks.Allow(key, path, KeyProperties);
            checks.String(key["purpose"], path + ".purpose");
            var patternNode = checks.Required(key, "pattern", path);
            if (checks.String(patternNode, path + ".pattern") is not { } pattern)
            {
                continue;
            }

            if (_patterns.TryGetValue(pattern, out var first))
            {
                checks.Report(DiagnosticCatalog.RedisDuplicatePattern, patternNode!, pattern, first.File, first.Line);
                continue;
            }

            _patterns[pattern] = (checks.File, checks.Line(patternNode!.Offset));
            if (key["ttl"] is not { } ttlNode)
            {
                _withoutTtl.Add((pattern, checks.At(patternNode)));
            }
            else if (checks.String(ttlNode, path + ".ttl") is { } ttl && !IsoDuration.TryParse(ttl, out _, out var error))
            {
                checks.Report(DiagnosticCatalog.RedisTtl, ttlNode, ttl, pattern, error);
            }
        }
    }

    public override void Finish(DatastoreSchemaRun run)
    {
        if (_policy is not { } policy)
        {
            return;
        }

        if (policy.Policy.StartsWith("volatile-", StringComparison.Ordinal))
        {
            foreach (var (pattern, at) in _withoutTtl)
            {
                run.Diagnostics.Add(DiagnosticCatalog.RedisKeyNeverEvicted.Create(at, pattern, policy.Policy));
            }
        }

        if (run.ComposePolicy() is { } compose && compose.Effective != policy.Policy)
        {
            run.Diagnostics.Add(DiagnosticCatalog.RedisPolicyMismatch.Create(policy.At, policy.Policy, compose.Service, compose.Describe, compose.ComposeFile));
        }
    }
}
