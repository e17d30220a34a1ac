namespace CommerceBus.Routing;

/// <summary>One rule of the table as evaluated against one message, with one reason per check.</summary>
/// <param name="Name">The rule's name.</param>
/// <param name="Matched">Whether the rule matched, whether or not it was used.</param>
/// <param name="Considered">
/// False for rules after the winner in <see cref="RoutingMode.FirstMatch"/>: they were evaluated for the explanation
/// but never reached by routing.
/// </param>
/// <param name="Endpoints">Where the rule sends a message it matches.</param>
/// <param name="Reasons">The type check and every condition, each with the value the message had, e.g. <c>region Equals 'EU': was 'US'</c>.</param>
public sealed record RuleExplanation(string Name, bool Matched, bool Considered, IReadOnlyList<string> Endpoints, IReadOnlyList<string> Reasons);
