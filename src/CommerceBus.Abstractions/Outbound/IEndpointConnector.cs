namespace CommerceBus.Abstractions.Outbound;

/// <summary>Delivers canonical commands to one logical business endpoint over its protocol.</summary>
public interface IEndpointConnector
{
    /// <summary>
    /// Delivers a command and returns the endpoint's canonical reply, if it answers in line. Throws on technical
    /// failure; must be safe to call again with the same <see cref="OutboundMessage.IdempotencyKey"/>.
    /// </summary>
    Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken);
}
