namespace CommerceBus.Routing;

/// <summary>The answer of <see cref="IMessageRouter.Explain"/>: the decision, and every rule of the table with its reasons.</summary>
/// <param name="Type">The canonical versioned type the message was routed as.</param>
/// <param name="Mode">The mode of the table that answered.</param>
/// <param name="Routes">As in <see cref="RouteDecision.Routes"/>.</param>
/// <param name="Endpoints">As in <see cref="RouteDecision.Endpoints"/>.</param>
/// <param name="IsDefault">As in <see cref="RouteDecision.IsDefault"/>.</param>
/// <param name="Unroutable">As in <see cref="RouteDecision.Unroutable"/>.</param>
/// <param name="Rules">Every rule, in table order, whether it matched or not.</param>
public sealed record RouteExplanation(
    string Type,
    RoutingMode Mode,
    IReadOnlyList<string> Routes,
    IReadOnlyList<string> Endpoints,
    bool IsDefault,
    bool Unroutable,
    IReadOnlyList<RuleExplanation> Rules);
