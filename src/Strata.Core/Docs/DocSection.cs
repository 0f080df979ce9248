using Markdig.Syntax;

namespace Strata.Core.Docs;

/// <summary>A top-level H1 or H2 heading and the blocks that follow it up to the next H1/H2.</summary>
internal sealed record DocSection(string Title, int Level, int Line, int Column, IReadOnlyList<Block> Blocks);
