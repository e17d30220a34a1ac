using CommerceBus.Contracts;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.Persistence;
using CommerceBus.Core.Sagas.Storage;
using Microsoft.EntityFrameworkCore;
using CommerceBus.Core.Orders;

namespace CommerceBus.Core.Sagas;

/// <summary>
/// Keeps the order read model in step with the saga, and journals each step the saga handled, committed with the saga
/// row (see <see cref="SagaSideEffects"/>).
/// </summary>
/// <remarks>
/// Status never moves backwards: when recovery re-drives an order from the start after a crash, the steps it repeats
/// (idempotently) do not make the order look younger than it was. A final status is never changed.
/// </remarks>
public sealed class OrderProjection(IDbContextFactory<HubDbContext> contexts, TimeProvider clock)
{
    private static readonly OrderStatus[] Progress =
        [OrderStatus.Accepted, OrderStatus.StockReserved, OrderStatus.PaymentCaptured, OrderStatus.Booked, OrderStatus.Shipped, OrderStatus.Completed];

    /// <summary>Commits the step's read-model change and journal entry on their own (when no saga transaction takes them).</summary>
    public async Task ApplyAsync(OrderSagaRecord saga, object handled, OrderStatus? status, string? reason, Guid? messageId, string correlationId, CancellationToken cancellationToken)
    {
        var effects = new SagaSideEffects();
        Stage(effects, saga, handled, status, reason, messageId, correlationId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await effects.StageAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Stages the step's read-model change and journal entry in <paramref name="effects"/>, for the saga storage to
    /// commit with the saga row. What they say is taken now, from the saga as the step leaves it.
    /// </summary>
    public void Stage(SagaSideEffects effects, OrderSagaRecord saga, object handled, OrderStatus? status, string? reason, Guid? messageId, string correlationId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var trackingId = saga.CorrelationId;
        var shipment = saga.ShipmentTrackingNumber;
        var entry = new JournalEntry
        {
            MessageId = messageId ?? Guid.Empty,
            CorrelationId = correlationId,
            SourceAdapter = "order-fulfillment",
            // The saga's own messages (timeouts, resume) are not canonical; they are journaled by their type name.
            MessageType = CanonicalTypes.All.Contains(handled.GetType()) ? CanonicalTypes.VersionedNameOf(handled.GetType()) : handled.GetType().Name,
            Direction = JournalDirection.Internal,
            OrderNumber = saga.OrderNumber,
            TrackingId = trackingId,
            Destination = "order-fulfillment",
            Outcome = JournalOutcomes.Handled,
            Detail = status is null ? $"saga {saga.CurrentState}" : $"order {status}{(reason is null ? "" : ": " + reason)}",
            ReceivedAt = now,
            CompletedAt = now,
        };
        effects.Add(async (db, cancellationToken) =>
        {
            var order = await db.Orders.FirstOrDefaultAsync(o => o.TrackingId == trackingId, cancellationToken);
            if (order is not null && status is { } next && Moves(Enum.Parse<OrderStatus>(order.Status), next))
            {
                order.Status = next.ToString();
                order.Reason = reason ?? order.Reason;
                order.ShipmentTrackingNumber = shipment ?? order.ShipmentTrackingNumber;
                order.UpdatedAt = now;
            }

            db.Journal.Add(entry);
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
