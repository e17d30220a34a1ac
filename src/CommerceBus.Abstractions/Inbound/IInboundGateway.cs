namespace CommerceBus.Abstractions.Inbound;

/// <summary>The hub as inbound adapters see it: submit a canonical command, ask for an order's status.</summary>
/// <remarks>
/// Everything between the adapter and the business endpoints (validation, idempotency, journaling, routing,
/// dispatch) happens behind this seam, so an adapter only translates between its wire and the canonical model.
/// </remarks>
public interface IInboundGateway
{
    /// <summary>Runs a command through the pipeline. Answers once the outcome is durable: an accepted command is on disk.</summary>
    Task<InboundResult> SubmitAsync(InboundMessage message, CancellationToken cancellationToken);

    /// <summary>The order's current status from the read model, or null when the hub does not know the order.</summary>
    Task<OrderStatusView?> GetOrderStatusAsync(string orderNumber, CancellationToken cancellationToken);
}
