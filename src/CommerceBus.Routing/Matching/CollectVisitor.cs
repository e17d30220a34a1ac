namespace CommerceBus.Routing.Matching;

/// <summary>Collects every value a path reaches, for explanations (which may allocate).</summary>
internal readonly struct CollectVisitor(List<RouteValue> values) : IRouteValueVisitor
{
    public bool Visit(in RouteValue value)
    {
        values.Add(value);
        return true;
    }
}
