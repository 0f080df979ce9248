using System.Globalization;

namespace Strata.Migrations.Errors;

/// <summary>
/// A coded runtime failure. <see cref="Exception.Message"/> is one line in the MSBuild/compiler shape
/// (<c>file(line): error CODE: text</c>) so a CLI can print it as is and IDEs and CI logs make it clickable.
/// </summary>
public sealed class MigrationException : Exception
{
    public MigrationException()
        : this(MigrationErrors.MigrationFailed, "Migration failed.")
    {
    }

    public MigrationException(string message)
        : this(MigrationErrors.MigrationFailed, message)
    {
    }

    public MigrationException(string message, Exception innerException)
        : this(MigrationErrors.MigrationFailed, message, innerException: innerException)
    {
    }

    public MigrationException(
        MigrationErrorDescriptor error,
        string detail,
        string? sourceFile = null,
        int? line = null,
        string? version = null,
        Exception? innerException = null)
        : base(Format(error, MigrationSeverity.Error, detail, sourceFile, line), innerException)
    {
        Error = error;
        Detail = detail;
        SourceFile = sourceFile;
        Line = line;
        Version = version;
        HelpLink = error.HelpLink;
    }

    public MigrationErrorDescriptor Error { get; }

    /// <summary>The STRATA5xxx code.</summary>
    public string Code => Error.Code;

    /// <summary>The message text without the location and code prefix.</summary>
    public string Detail { get; }

    /// <summary>
    /// The migration source file (or script name) the error points at. Not <see cref="Exception.Source"/>,
    /// which .NET fills with an assembly name and so cannot say "no file".
    /// </summary>
    public string? SourceFile { get; }

    /// <summary>1-based line in <see cref="SourceFile"/>.</summary>
    public int? Line { get; }

    /// <summary>The migration version as written in the script (e.g. "0002").</summary>
    public string? Version { get; }

    /// <summary>A thrown code is always an error, even one whose default is a warning (STRATA5005 under FailOnUnknownApplied).</summary>
    internal static string Format(MigrationErrorDescriptor error, MigrationSeverity reportedAs, string detail, string? sourceFile, int? line)
    {
        var severity = reportedAs == MigrationSeverity.Warning ? "warning" : "error";
        var location = sourceFile is null
            ? string.Empty
            : line is int l ? string.Create(CultureInfo.InvariantCulture, $"{sourceFile}({l}): ") : sourceFile + ": ";
        return $"{location}{severity} {error.Code}: {detail}";
    }
}
