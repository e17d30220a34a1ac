using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Pipeline;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Fulfillment.Orders;

/// <summary>
/// The status of an order (family <see cref="OrderFamily.Name"/>, key the order number), as every protocol answers it:
/// read from its saga row, the one place of its state; the reason is the order's only once it has ended.
/// </summary>
internal sealed class OrderStatusSource : IStatusSource
{
    public string Family => OrderFamily.Name;

    public IReadOnlyCollection<Type> CommandTypes { get; } = [typeof(PlaceOrder), typeof(CancelOrder)];

    public Task<StatusView?> FindAsync(HubDbContext db, string key, CancellationToken cancellationToken) =>
        db.OrderSagas.AsNoTracking()
            .Where(s => s.OrderNumber == key)
            .Select(s => new StatusView(
                s.OrderNumber,
                s.CorrelationId,
                s.Status,
                s.Status == nameof(OrderStatus.Failed) || s.Status == nameof(OrderStatus.Cancelled) ? s.Reason : null,
                new DateTimeOffset(s.StatusChangedAt, TimeSpan.Zero)))
            .FirstOrDefaultAsync(cancellationToken);
}
