namespace CommerceBus.Routing.Matching;

/// <summary>Receives the values a path reaches; a struct implementation keeps the walk free of delegates and boxing.</summary>
internal interface IRouteValueVisitor
{
    /// <summary>Takes one value; returns false to stop the walk because the outcome is already known.</summary>
    bool Visit(in RouteValue value);
}
