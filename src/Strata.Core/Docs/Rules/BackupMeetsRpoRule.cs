using Strata.Core.Diagnostics;

namespace Strata.Core.Docs.Rules;

/// <summary>
/// STRATA1012: the longest time between two backups (backup.schedule) is not longer than the recovery point
/// objective (backup.rpo): a daily backup cannot meet an RPO of PT1H. Points at the schedule.
/// </summary>
internal static class BackupMeetsRpoRule
{
    public static IEnumerable<Diagnostic> Check(DocRuleContext context)
    {
        if (context.Value("backup.schedule") is { } scheduleNode && context.Value("backup.rpo") is { } rpoNode
            && BackupSchedule.TryParse(scheduleNode.Value, out var schedule, out _)
            && IsoDuration.TryParse(rpoNode.Value, out var rpo, out _)
            && schedule!.Interval > rpo.Nominal)
        {
            yield return DiagnosticCatalog.DocBackupMissesRpo.Create(context.Doc.At(scheduleNode),
                IsoDuration.Humanize(schedule.Interval), schedule.Text, IsoDuration.Humanize(rpo.Nominal), rpo.Text);
        }
    }
}
