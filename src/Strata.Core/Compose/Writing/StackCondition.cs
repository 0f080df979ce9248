namespace Strata.Core.Compose.Writing;

/// <summary>
/// When a part of a generated stack file is present. The same condition decides a concrete file (<see cref="Holds"/>)
/// and becomes the <c>#if</c> expression of the strata-service template (<see cref="Expression"/>), whose symbols are
/// Use&lt;Engine&gt;, Is&lt;Flavor&gt; and PgBouncer (templates/content/strata-service/.template.config/template.json).
/// </summary>
public abstract record StackCondition
{
    public static StackCondition Always { get; } = new AlwaysCondition();

    public abstract bool Holds(StackSelection selection);

    public abstract string Expression { get; }

    public static StackCondition Store(string engineId) => new StoreCondition(engineId);

    public static StackCondition Flavor(string flavor) => new FlavorCondition(flavor);

    public static StackCondition PgBouncer { get; } = new PgBouncerCondition();

    public StackCondition And(StackCondition other) => this is AlwaysCondition ? other : new AndCondition(this, other);

    internal static string Symbol(string engineId) => "Use" + char.ToUpperInvariant(engineId[0]) + engineId[1..];

    private sealed record AlwaysCondition : StackCondition
    {
        public override bool Holds(StackSelection selection) => true;

        public override string Expression => "true";
    }

    private sealed record StoreCondition(string EngineId) : StackCondition
    {
        public override bool Holds(StackSelection selection) => selection.Has(EngineId);

        public override string Expression => Symbol(EngineId);
    }

    private sealed record FlavorCondition(string Id) : StackCondition
    {
        public override bool Holds(StackSelection selection) => selection.Has("postgres") && selection.PostgresFlavor == Id;

        public override string Expression => "Is" + char.ToUpperInvariant(Id[0]) + Id[1..];
    }

    private sealed record PgBouncerCondition : StackCondition
    {
        public override bool Holds(StackSelection selection) => selection.PgBouncer;

        public override string Expression => "PgBouncer";
    }

    private sealed record AndCondition(StackCondition Left, StackCondition Right) : StackCondition
    {
        public override bool Holds(StackSelection selection) => Left.Holds(selection) && Right.Holds(selection);

        public override string Expression => $"{Left.Expression} && {Right.Expression}";
    }
}
