using CommerceBus.Contracts;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Fulfillment.Saga;

/// <summary>
/// Moves the order's public status on the saga row itself (no other row is read or written for it), and journals each
/// step the saga handled, committed with the saga row (see <see cref="SagaSideEffects"/>).
/// </summary>
/// <remarks>
/// Status never moves backwards: when recovery re-drives an order from the start after a crash, the steps it repeats
/// (idempotently) do not make the order look younger than it was. A final status is never changed.
/// </remarks>
public sealed class OrderProjection(IDbContextFactory<HubDbContext> contexts, TimeProvider clock)
{
    private static readonly OrderStatus[] Progress =
        [OrderStatus.Accepted, OrderStatus.StockReserved, OrderStatus.PaymentCaptured, OrderStatus.Booked, OrderStatus.Shipped, OrderStatus.Completed];

    /// <summary>Moves the status and commits the step's journal entry on its own (when no saga transaction takes it).</summary>
    public async Task ApplyAsync(OrderSagaRecord saga, object handled, OrderStatus? status, string? reason, Guid? messageId, string correlationId, CancellationToken cancellationToken)
    {
        var effects = new SagaSideEffects();
        Stage(effects, saga, handled, status, reason, messageId, correlationId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await effects.StageAsync(db, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Moves the order's status on <paramref name="saga"/> (stored with it) and stages the step's journal entry in
    /// <paramref name="effects"/>, for the saga storage to commit with the saga row. What the entry says is taken now,
    /// from the saga as the step leaves it.
    /// </summary>
    public void Stage(SagaSideEffects effects, OrderSagaRecord saga, object handled, OrderStatus? status, string? reason, Guid? messageId, string correlationId)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (status is { } next && Moves(Enum.Parse<OrderStatus>(saga.Status), next))
        {
            saga.Status = next.ToString();
            saga.StatusChangedAt = now;
        }

        var trackingId = saga.CorrelationId;
        var envelope = new MessageEnvelope
        {
            MessageId = messageId ?? Guid.Empty,
            CorrelationId = correlationId,
            SourceAdapter = "order-fulfillment",
            // The saga's own messages (timeouts, resume) are not canonical; they are journaled by their type name.
            MessageType = CanonicalTypes.All.Contains(handled.GetType()) ? CanonicalTypes.VersionedNameOf(handled.GetType()) : handled.GetType().Name,
            ReceivedAt = now,
        };
        var entry = JournalEntryFactory.Create(
            envelope,
            JournalDirection.Internal,
            JournalOutcomes.Handled,
            now,
            orderNumber: saga.OrderNumber,
            trackingId: trackingId,
            destination: "order-fulfillment",
            detail: status is null ? $"saga {saga.CurrentState}" : $"order {status}{(reason is null ? "" : ": " + reason)}");
        effects.Add((db, _) =>
        {
            JournalWriter.Stage(db, entry);
            return Task.CompletedTask;
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
