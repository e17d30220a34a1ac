namespace CommerceBus.Routing;

/// <summary>One validated, compiled and immutable routing table; a reload builds a new one rather than changing this one.</summary>
public interface IRoutingTable
{
    /// <summary><c>FirstMatch</c> or <c>Multicast</c>.</summary>
    RoutingMode Mode { get; }

    /// <summary>How many rules the table has.</summary>
    int RuleCount { get; }

    /// <summary>Where a message no rule matches goes, or null when such a message is unroutable.</summary>
    IReadOnlyList<string>? DefaultEndpoints { get; }

    /// <summary>The hot path: which rules decided and where the message goes.</summary>
    RouteDecision Route(RoutableMessage message);

    /// <summary>Every rule, matched or not, and why; slower than <see cref="Route"/>.</summary>
    RouteExplanation Explain(RoutableMessage message);
}
