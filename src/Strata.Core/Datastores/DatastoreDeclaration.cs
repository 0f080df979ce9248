using Strata.Core.Catalog;

namespace Strata.Core.Datastores;

/// <summary>A validated <c>&lt;Datastore Include="name" Engine="..." /&gt;</c> item.</summary>
public sealed record DatastoreDeclaration(string Name, EngineDescriptor Engine);
