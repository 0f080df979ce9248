using System.Globalization;
using System.Text.RegularExpressions;
using Strata.Core.Catalog;
using Strata.Core.Templating;

namespace Strata.Core.Docs;

/// <summary>What a generated doc says beyond the catalog's facts; every value has a default that validates clean.</summary>
public sealed record DatastoreDocOptions
{
    /// <summary>The one-sentence purpose; null for a generic sentence naming the service and the engine.</summary>
    public string? Purpose { get; init; }

    /// <summary>public | internal | confidential | restricted.</summary>
    public string Classification { get; init; } = "internal";

    public bool Pii { get; init; }

    /// <summary>retention.period; null for the engine's default (<see cref="EngineDescriptor.DefaultRetentionPeriod"/>).</summary>
    public string? RetentionPeriod { get; init; }

    /// <summary>
    /// True when the service has the generated backup scripts (ops/backup, ops/restore and ops/drill/&lt;name&gt;.sh, which
    /// strata-service writes): the doc names ops/backup/&lt;name&gt;.sh in backup.script, so every build checks it exists.
    /// </summary>
    public bool BackupScripts { get; init; }

    /// <summary>The Handlebars template; null for the embedded Docs/Templates/datastore-doc.hbs.</summary>
    public string? Template { get; init; }
}

/// <summary>
/// Renders docs/data/&lt;datastore&gt;.md from the engine catalog, so every generated doc (the service template's and
/// those <c>dotnet new strata-datastore</c> adds) passes <see cref="DatastoreDocValidator"/> and says what Strata knows.
/// </summary>
public static partial class DatastoreDocWriter
{
    public const string TemplatePath = "Docs/Templates/datastore-doc.hbs";

    public static string DefaultTemplate => EmbeddedTemplates.Read(TemplatePath);

    public static string Render(string name, EngineDescriptor engine, string owner, string serviceName,
        DatastoreDocOptions? options = null, ITextTemplateRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        options ??= new DatastoreDocOptions();
        var retention = options.RetentionPeriod ?? engine.DefaultRetentionPeriod;
        var schemaLocation = engine.SchemaLocation(name);
        string Fill(string text) => text.Replace("{name}", name, StringComparison.Ordinal);
        var model = new Dictionary<string, object>
        {
            ["name"] = name,
            ["engine"] = engine.Id,
            ["displayName"] = engine.DisplayName,
            ["owner"] = YamlScalar(owner),
            ["purpose"] = YamlScalar(options.Purpose ?? $"Data of {serviceName}, kept in its {engine.DisplayName} datastore {name}."),
            ["classification"] = options.Classification,
            ["pii"] = options.Pii ? "true" : "false",
            ["schemaLocation"] = schemaLocation,
            ["backupMethod"] = YamlScalar(engine.BackupMethod),
            ["schedule"] = YamlScalar(engine.DefaultBackupSchedule),
            ["rpo"] = engine.DefaultRpo,
            ["rto"] = engine.DefaultRto,
            ["restoreTested"] = YamlScalar(engine.DefaultRestoreTested),
            ["backupScript"] = options.BackupScripts ? BackupScriptPath(name) : "",
            ["retentionPeriod"] = YamlScalar(retention),
            ["retentionMechanism"] = YamlScalar(engine.RetentionMechanism),
            ["service"] = serviceName,
            ["summary"] = Fill(engine.Summary),
            ["sqlMigrations"] = engine.SchemaStyle == SchemaStyle.SqlMigrations,
            ["schemaFiles"] = engine.SchemaStyle == SchemaStyle.SchemaFiles,
            ["noSchema"] = engine.SchemaStyle == SchemaStyle.None,
            ["schemaHint"] = Fill(engine.SchemaHint),
            ["schemaService"] = engine.Container?.SchemaService is not null,
            ["schemaScript"] = engine.Container?.SchemaService?.Script ?? "",
            ["backupProse"] = Fill(engine.BackupProse),
            ["restoreProse"] = Fill(engine.RestoreProse),
            ["scheduleText"] = ScheduleText(engine.DefaultBackupSchedule),
            ["rpoText"] = DurationText(engine.DefaultRpo),
            ["rtoText"] = DurationText(engine.DefaultRto),
            ["restoreTestedText"] = ScheduleText(engine.DefaultRestoreTested),
            ["retentionText"] = RetentionText(retention, engine.RetentionMechanism),
            ["piiText"] = options.Pii
                ? "It holds personal data (`pii: true`): deletion requests must reach it, and the retention period must be justified."
                : "It holds no personal data (`pii: false`); if that changes, set `pii: true` and review the retention period.",
        };

        var text = (renderer ?? HandlebarsTextRenderer.Instance).Render(options.Template ?? DefaultTemplate, model);
        return BlankLines().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n");
    }

    /// <summary>The generated backup script of a datastore, relative to the project (docs/backups.md).</summary>
    public static string BackupScriptPath(string name) => $"ops/backup/{name}.sh";

    private static string ScheduleText(string schedule) => schedule.ToLowerInvariant() switch
    {
        "hourly" => "every hour",
        "daily" => "every day",
        "weekly" => "every week",
        "monthly" => "every month",
        "quarterly" => "every quarter",
        "yearly" or "annually" => "every year",
        _ when IsoDuration.TryParse(schedule, out var d, out _) => "every " + IsoDuration.Humanize(d.Nominal),
        _ => $"on the schedule `{schedule}`",
    };

    private static string DurationText(string iso) =>
        IsoDuration.TryParse(iso, out var d, out _) ? IsoDuration.Humanize(d.Nominal) : iso;

    private static string RetentionText(string period, string mechanism)
    {
        if (period.Equals("indefinite", StringComparison.OrdinalIgnoreCase))
        {
            return "Data is kept until the service deletes it; nothing expires automatically. When a retention period is agreed,\n"
                + $"set `retention.period` and enforce it with a {mechanism}.";
        }

        var words = IsoDuration.TryParse(period, out var d, out _) ? IsoDuration.Humanize(d.Nominal) : period;
        return $"Data is kept for {words}; the {mechanism} removes it after that.";
    }

    /// <summary>A YAML plain scalar when that reads back as the same string, otherwise a double-quoted one.</summary>
    internal static string YamlScalar(string value)
    {
        if (PlainSafe().IsMatch(value) && !value.EndsWith(':') && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal)
            && value.ToLowerInvariant() is not ("true" or "false" or "yes" or "no" or "on" or "off" or "null" or "~")
            && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }

        var escaped = value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
        return "\"" + escaped + "\"";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_(][A-Za-z0-9 _.,;:/@()'+-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainSafe();

    [GeneratedRegex(@"\n{3,}", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLines();
}
