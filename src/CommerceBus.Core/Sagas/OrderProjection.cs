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
        // One transaction, retried as a whole by the provider's execution strategy (PostgreSQL retries transient errors).
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.TrackingId == saga.CorrelationId, cancellationToken);
            var detail = status is null ? $"saga {saga.CurrentState}" : $"order {status}{(reason is null ? "" : ": " + reason)}";
            if (order is not null && status is { } next)
            {
                // The status moves only from the status it was read at: two hub threads applying one transition at once (a
                // redelivered reply beside recovery's re-send, before the saga's version check throws one of them back)
                // move it once, and the other is journaled as a repeat rather than as a second completion.
                var moved = Moves(Enum.Parse<OrderStatus>(order.Status), next) && await db.Orders
                    .Where(o => o.TrackingId == saga.CorrelationId && o.Status == order.Status)
                    .ExecuteUpdateAsync(
                        set => set
                            .SetProperty(o => o.Status, next.ToString())
                            .SetProperty(o => o.Reason, reason ?? order.Reason)
                            .SetProperty(o => o.ShipmentTrackingNumber, saga.ShipmentTrackingNumber ?? order.ShipmentTrackingNumber)
                            .SetProperty(o => o.UpdatedAt, now),
                        cancellationToken) == 1;
                if (!moved)
                {
                    detail = $"order {next} again: the order is already {order.Status}, unchanged";
                }
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
                Detail = detail,
                ReceivedAt = now,
                CompletedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
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
