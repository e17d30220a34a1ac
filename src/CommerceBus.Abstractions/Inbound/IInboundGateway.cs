namespace CommerceBus.Abstractions.Inbound;

/// <summary>The hub as inbound adapters see it: submit a canonical command, ask where something it tracks stands.</summary>
/// <remarks>
/// Everything between the adapter and the business endpoints (validation, idempotency, journaling, routing,
/// dispatch) happens behind this seam, so an adapter only translates between its wire and the canonical model.
/// </remarks>
public interface IInboundGateway
{
    /// <summary>Runs a command through the pipeline. Answers once the outcome is durable: an accepted command is on disk.</summary>
    Task<InboundResult> SubmitAsync(InboundMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// The status of <paramref name="key"/> in <paramref name="family"/> (for the order business: family <c>order</c>,
    /// <c>OrderFamily.Name</c> in the contracts, and an order number), from the module that registered the family's
    /// status source; null when the hub does not know it.
    /// </summary>
    /// <exception cref="InvalidOperationException">No module registered a status source for <paramref name="family"/>.</exception>
    Task<StatusView?> GetStatusAsync(string family, string key, CancellationToken cancellationToken);
}
