namespace Strata.Core.Diagnostics;

/// <summary>A place in a user's file. Lines and columns are 1-based; 0 means "the whole file".</summary>
public readonly record struct SourceLocation(string File, int Line = 0, int Column = 0, int EndLine = 0, int EndColumn = 0)
{
    public static SourceLocation At(string file, int line, int column) => new(file, line, column, line, column);

    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;
}
