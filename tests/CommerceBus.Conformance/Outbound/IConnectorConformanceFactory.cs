using CommerceBus.Abstractions.Outbound;

namespace CommerceBus.Conformance.Outbound;

/// <summary>
/// What a connector's test project provides to run the connector conformance suite: a real endpoint (a server, a
/// socket, a queue) that behaves as <see cref="ConformanceOrders"/> says, and connectors to it made as the hub makes them.
/// </summary>
public interface IConnectorConformanceFactory
{
    ConnectorConformanceCapabilities Capabilities { get; }

    /// <summary>A connector to the endpoint whose waits are bounded by <paramref name="timeout"/>; the suite disposes it.</summary>
    IEndpointConnector CreateConnector(TimeSpan timeout);

    /// <summary>A new command the connector's contract takes, whose order number asks for <paramref name="behaviour"/>.</summary>
    OutboundMessage NewMessage(EndpointBehaviour behaviour);

    /// <summary>What the endpoint saw of <paramref name="message"/> so far.</summary>
    EndpointRecord RecordOf(OutboundMessage message);

    /// <summary>Whether <paramref name="reply"/> is the endpoint's business refusal of <paramref name="message"/>.</summary>
    bool IsRefusal(OutboundMessage message, object reply);
}
