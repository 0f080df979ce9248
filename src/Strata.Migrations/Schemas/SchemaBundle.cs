using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Strata.Migrations.Schemas;

/// <summary>One schema file of a bundle: its version, description, source path, checksum and normalized text.</summary>
public sealed record SchemaBundleFile(string Version, string Description, string Path, string Checksum, string Content);

/// <summary>
/// A non-SQL datastore's schema files in version order, as the Strata.Sdk build checked them: the build writes it
/// (deterministic to the byte) and embeds it as <see cref="ResourceName"/>; the appliers read it at run time, so
/// what is applied is exactly what was validated.
/// </summary>
public sealed record SchemaBundle(string Datastore, string Engine, IReadOnlyList<SchemaBundleFile> Files)
{
    public const int FormatVersion = 1;

    /// <summary>The manifest resource name of a datastore's bundle (beside the SQL scripts' "Strata/&lt;datastore&gt;/...").</summary>
    public static string ResourceName(string datastore) => $"Strata/{datastore}/schema.json";

    /// <summary>Reads the datastore's bundle that the Strata.Sdk build embedded in <paramref name="assembly"/>.</summary>
    /// <exception cref="Errors.MigrationException">STRATA5105 when it is not there, STRATA5106 when it cannot be read.</exception>
    public static SchemaBundle FromAssembly(Assembly assembly, string datastore) => EmbeddedSchemaBundle.Load(assembly, datastore);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", FormatVersion);
            writer.WriteString("datastore", Datastore);
            writer.WriteString("engine", Engine);
            writer.WriteStartArray("files");
            foreach (var file in Files)
            {
                writer.WriteStartObject();
                writer.WriteString("version", file.Version);
                writer.WriteString("description", file.Description);
                writer.WriteString("path", file.Path);
                writer.WriteString("checksum", file.Checksum);
                writer.WriteString("content", file.Content);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        // NewLine pinned to LF: the bundle is byte-identical on every platform.
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <exception cref="FormatException">The text is not a bundle this version of Strata.Migrations reads.</exception>
    public static SchemaBundle Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            int format = root.GetProperty("format").GetInt32();
            if (format != FormatVersion)
            {
                throw new FormatException($"schema bundle format {format} is not {FormatVersion}: rebuild the service with the Strata.Sdk that matches Strata.Migrations");
            }

            var files = new List<SchemaBundleFile>();
            foreach (var file in root.GetProperty("files").EnumerateArray())
            {
                files.Add(new SchemaBundleFile(
                    Text(file, "version"), Text(file, "description"), Text(file, "path"), Text(file, "checksum"), Text(file, "content")));
            }

            return new SchemaBundle(Text(root, "datastore"), Text(root, "engine"), files);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("not a Strata schema bundle: " + ex.Message, ex);
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null");
}
