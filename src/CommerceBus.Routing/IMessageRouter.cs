namespace CommerceBus.Routing;

/// <summary>Decides, from a message's type, headers and content, which logical endpoints it goes to.</summary>
/// <remarks>Implementations are thread-safe and always answer from one consistent table, even during a reload.</remarks>
public interface IMessageRouter
{
    /// <summary>The hot path: which rules decided and where the message goes.</summary>
    RouteDecision Route(RoutableMessage message);

    /// <summary>Every rule of the table, matched or not, and why; slower than <see cref="Route"/>.</summary>
    RouteExplanation Explain(RoutableMessage message);
}
