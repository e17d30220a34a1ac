namespace CommerceBus.Routing;

/// <summary>The route a message takes when no rule matches it.</summary>
public sealed record DefaultRoute
{
    /// <summary>Logical endpoints; empty means "accepted, deliver nowhere" rather than unroutable.</summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [];
}
