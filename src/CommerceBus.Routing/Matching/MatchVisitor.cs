namespace CommerceBus.Routing.Matching;

/// <summary>Applies a predicate to each value with a quantifier, stopping as soon as the outcome is known.</summary>
internal struct MatchVisitor(ValuePredicate predicate, bool all) : IRouteValueVisitor
{
    private int count;
    private bool decided;

    /// <summary>Any: some value held. All: there was at least one value and none failed (all over nothing is false).</summary>
    public readonly bool Result => all ? count > 0 && !decided : decided;

    public bool Visit(in RouteValue value)
    {
        count++;
        if (predicate.Test(value) != all)
        {
            decided = true;
            return false;
        }

        return true;
    }
}
