using CommerceBus.Contracts;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Core.Sagas;

/// <summary>
/// Keeps the order read model in step with the saga, and journals each step the saga handled, in one commit.
/// </summary>
/// <remarks>
/// Status never moves backwards: when recovery re-drives an order from the start after a crash, the steps it repeats
/// (idempotently) do not make the order look younger than it was. A final status is never changed.
/// </remarks>
public sealed class OrderProjection(IDbContextFactory<HubDbContext> contexts, TimeProvider clock)
{
    private static readonly OrderStatus[] Progress =
        [OrderStatus.Accepted, OrderStatus.StockReserved, OrderStatus.PaymentCaptured, OrderStatus.Booked, OrderStatus.Shipped, OrderStatus.Completed];

    public async Task ApplyAsync(OrderSagaRecord saga, object handled, OrderStatus? status, string? reason, Guid? messageId, string correlationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var order = await db.Orders.FirstOrDefaultAsync(o => o.TrackingId == saga.CorrelationId, cancellationToken);
        if (order is not null && status is { } next && Moves(Enum.Parse<OrderStatus>(order.Status), next))
        {
            order.Status = next.ToString();
            order.Reason = reason ?? order.Reason;
            order.ShipmentTrackingNumber = saga.ShipmentTrackingNumber ?? order.ShipmentTrackingNumber;
            order.UpdatedAt = now;
        }

        db.Journal.Add(new JournalEntry
        {
            MessageId = messageId ?? Guid.Empty,
            CorrelationId = correlationId,
            SourceAdapter = "order-fulfillment",
            // The saga's own messages (timeouts, resume) are not canonical; they are journaled by their type name.
            MessageType = CanonicalTypes.All.Contains(handled.GetType()) ? CanonicalTypes.VersionedNameOf(handled.GetType()) : handled.GetType().Name,
            Direction = JournalDirection.Internal,
            OrderNumber = saga.OrderNumber,
            TrackingId = saga.CorrelationId,
            Destination = "order-fulfillment",
            Outcome = JournalOutcomes.Handled,
            Detail = status is null ? $"saga {saga.CurrentState}" : $"order {status}{(reason is null ? "" : ": " + reason)}",
            ReceivedAt = now,
            CompletedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static bool Moves(OrderStatus current, OrderStatus next)
    {
        if (current.IsTerminal())
        {
            return false;
        }

        return next.IsTerminal() || Array.IndexOf(Progress, next) > Array.IndexOf(Progress, current);
    }
}
