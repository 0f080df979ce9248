using Strata.Core.Diagnostics;

namespace Strata.Core.Docs.Rules;

/// <summary>STRATA1011: backup.rpo/rto are ISO-8601 durations, schedules parse, retention.period parses.</summary>
internal static class ValuesRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context)
    {
        foreach (var field in DocFields.All)
        {
            if (field.Kind is not (FieldKind.Duration or FieldKind.Schedule or FieldKind.Period) || context.Value(field.Path) is not { } node)
            {
                continue;
            }

            var text = node.Value!;
            var (ok, expected, error) = field.Kind switch
            {
                FieldKind.Duration => (IsoDuration.TryParse(text, out _, out var e), "an ISO-8601 duration", e),
                FieldKind.Schedule => (BackupSchedule.TryParse(text, out _, out var e), "a schedule", e),
                _ => (RetentionPeriod.TryParse(text, out var e), "a retention period", e),
            };

            if (!ok)
            {
                var detail = field.Kind switch
                {
                    FieldKind.Schedule => $"{error}. Expected {BackupSchedule.Expected}",
                    FieldKind.Period => $"{error}. Expected {RetentionPeriod.Expected}",
                    _ => error,
                };
                yield return DiagnosticCatalog.DocValueUnparsable.Create(context.Doc.At(node), field.Path, DocFields.Shorten(text), expected, detail);
            }
        }
    }
}
