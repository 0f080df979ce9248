using Strata.Core.Diagnostics;
using Strata.Core.Docs;

namespace Strata.Core.Schemas;

/// <summary>
/// retention.period of a datastore's doc, for comparing with what the store itself expires (a MongoDB TTL index, an
/// Elasticsearch ILM delete phase). Null when there is no doc or the period does not parse: the docs check reports that.
/// </summary>
internal sealed record DatastoreRetention(string DocFile, string Text, TimeSpan? Length)
{
    public string Describe => Length is null ? "indefinite" : $"'{Text}' ({IsoDuration.Humanize(Length.Value)})";

    public static DatastoreRetention? Read(string projectDirectory, string docsDirectory, string datastore)
    {
        var path = Path.GetFullPath(Path.Combine(projectDirectory, docsDirectory, datastore + ".md"));
        var display = DocPaths.Display(projectDirectory, path);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > DocLimits.MaxDocBytes)
            {
                return null;
            }

            var doc = DocLoader.Load(display, File.ReadAllBytes(path), []);
            var text = doc is null ? null : DocFields.Scalar(doc.FrontMatter, "retention.period")?.Value;
            return text is not null && RetentionPeriod.TryGetLength(text, out var length) ? new DatastoreRetention(display, text.Trim(), length) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
