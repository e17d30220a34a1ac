namespace CommerceBus.Routing;

/// <summary>The routing table as configured under <c>CommerceBus:Routing</c>; validated and compiled before use.</summary>
/// <remarks>
/// Settings that name a choice (<see cref="Mode"/>, <see cref="RouteCondition.Op"/>, <see cref="RouteCondition.Quantifier"/>)
/// are strings rather than enums so that a wrong value becomes one problem in the list the validators report, instead of
/// a binder exception that hides every other problem.
/// </remarks>
public sealed record RoutingOptions
{
    /// <summary><c>FirstMatch</c> (default) or <c>Multicast</c>; see <see cref="RoutingMode"/>.</summary>
    public string? Mode { get; init; }

    /// <summary>The rules, evaluated in this order.</summary>
    public IReadOnlyList<RouteRule> Routes { get; init; } = [];

    /// <summary>Where a message that no rule matches goes; <c>null</c> makes such a message unroutable.</summary>
    /// <remarks>
    /// In configuration, <c>"Default": {}</c> cannot be told from <c>"Default": null</c> and means no default; a default
    /// that accepts and delivers nowhere is written <c>"Default": { "Endpoints": [] }</c>.
    /// </remarks>
    public DefaultRoute? Default { get; init; }
}
