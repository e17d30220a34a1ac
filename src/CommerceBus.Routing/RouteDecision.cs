namespace CommerceBus.Routing;

/// <summary>Where the router sends a message, and which rules said so.</summary>
/// <param name="Routes">
/// The names of the rules that decided: one in <see cref="RoutingMode.FirstMatch"/>, every matching rule in
/// <see cref="RoutingMode.Multicast"/>, or <c>["(default)"]</c> when the default route was used; empty when unroutable.
/// </param>
/// <param name="Endpoints">
/// The logical endpoints to deliver to, de-duplicated, in rule order. Empty with a matched rule means
/// "this step is not needed" (shipping skipped for digital goods), which is not a failure.
/// </param>
/// <param name="IsDefault">No rule matched and the default route was used.</param>
/// <param name="Unroutable">No rule matched and there is no default route: the caller treats that as a failure.</param>
public sealed record RouteDecision(IReadOnlyList<string> Routes, IReadOnlyList<string> Endpoints, bool IsDefault, bool Unroutable)
{
    /// <summary>The name reported in <see cref="Routes"/> when the default route decided.</summary>
    public const string DefaultRouteName = "(default)";
}
