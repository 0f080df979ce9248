using System.Xml;
using Strata.Core.Diagnostics;

namespace Strata.Core.Datastores;

/// <summary>Finds where an item is written in the project file, so item errors are clickable.</summary>
public static class ProjectFileLocator
{
    /// <param name="occurrence">0 for the first element with that Include, 1 for the second (a duplicate), and so on.</param>
    public static SourceLocation Find(string projectFile, string itemType, string include, int occurrence = 0)
    {
        try
        {
            using var reader = XmlReader.Create(projectFile, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == itemType &&
                    string.Equals(reader.GetAttribute("Include")?.Trim(), include.Trim(), StringComparison.Ordinal) && occurrence-- == 0)
                {
                    return SourceLocation.At(projectFile, info.LineNumber, info.LinePosition);
                }
            }
        }
        catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
        {
            // The item may come from an imported file or a malformed project; the project file itself is still a fair place to point.
        }

        return new SourceLocation(projectFile);
    }
}
