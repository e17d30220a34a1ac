using System.Collections.Concurrent;
using CommerceBus.Contracts.Fulfillment;

namespace CommerceBus.DemoEndpoints.Inventory;

/// <summary>
/// The Inventory service's business rules: every sku is in stock except those starting <c>OOS-</c>. Reservations are
/// kept per order, so reserving or releasing again is harmless.
/// </summary>
public sealed class StockLedger
{
    private readonly ConcurrentDictionary<Guid, IReadOnlyList<FulfillmentLine>> _reserved = new();

    /// <summary>Orders whose stock is reserved now.</summary>
    public IReadOnlyCollection<Guid> Reserved => [.. _reserved.Keys];

    /// <summary>Orders whose stock was reserved and released again.</summary>
    public ConcurrentDictionary<Guid, bool> Released { get; } = new();

    public object Reserve(ReserveStock command)
    {
        var missing = command.Lines.FirstOrDefault(l => l.Sku.StartsWith("OOS-", StringComparison.Ordinal));
        if (missing is not null)
        {
            return new StockRefused(command.TrackingId, command.OrderNumber, $"out of stock: sku {missing.Sku}");
        }

        _reserved[command.TrackingId] = command.Lines;
        return new StockReserved(command.TrackingId, command.OrderNumber);
    }

    public StockReleased Release(ReleaseStock command)
    {
        _reserved.TryRemove(command.TrackingId, out _);
        Released[command.TrackingId] = true;
        return new StockReleased(command.TrackingId, command.OrderNumber);
    }
}
