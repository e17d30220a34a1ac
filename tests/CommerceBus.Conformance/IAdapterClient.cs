using CommerceBus.Contracts.Orders;

namespace CommerceBus.Conformance;

/// <summary>A client that speaks one adapter's wire protocol, the way an outside system would.</summary>
public interface IAdapterClient : IAsyncDisposable
{
    /// <summary>Sends a place-order request made from the canonical order, and returns the adapter's answer.</summary>
    Task<AdapterReply> PlaceOrderAsync(PlaceOrder order, CancellationToken cancellationToken);

    /// <summary>Sends a cancel request.</summary>
    Task<AdapterReply> CancelOrderAsync(string orderNumber, string reason, CancellationToken cancellationToken);

    /// <summary>Asks for an order's status; null when the adapter answers that the order is unknown.</summary>
    Task<string?> GetStatusAsync(string orderNumber, CancellationToken cancellationToken);
}
