using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Orders;

namespace CommerceBus.Conformance.ReferenceAdapter;

/// <summary>The conformance client of the in-memory reference adapter.</summary>
public sealed class InMemoryReferenceClient(InMemoryReferenceAdapter adapter) : IAdapterClient
{
    public async Task<AdapterReply> PlaceOrderAsync(PlaceOrder order, CancellationToken cancellationToken) =>
        Reply(await adapter.SendAsync(order, cancellationToken));

    public async Task<AdapterReply> CancelOrderAsync(string orderNumber, string reason, CancellationToken cancellationToken) =>
        Reply(await adapter.SendAsync(new CancelOrder { OrderNumber = orderNumber, Reason = reason }, cancellationToken));

    public async Task<string?> GetStatusAsync(string orderNumber, CancellationToken cancellationToken) =>
        (await adapter.StatusAsync(orderNumber, cancellationToken))?.Status;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>How the reference adapter maps the hub's answer; real adapters do the same through their wire.</summary>
    public static AdapterReply Reply(InboundResult result) => result.Outcome switch
    {
        InboundOutcome.Accepted or InboundOutcome.Duplicate => AdapterReply.Yes(result.TrackingId, result.Detail),
        InboundOutcome.Invalid => AdapterReply.No(Refusal.Invalid, string.Join("; ", result.Errors)),
        InboundOutcome.Conflict => AdapterReply.No(Refusal.Conflict, result.Detail),
        InboundOutcome.NotFound => AdapterReply.No(Refusal.NotFound, result.Detail),
        _ => AdapterReply.No(Refusal.Unavailable, result.Detail),
    };
}
