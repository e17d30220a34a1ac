using CommerceBus.Core.Retention;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Fulfillment.Orders;

/// <summary>
/// Retention of ended orders (<see cref="RetentionOptions.FinishedOrders"/>): an order goes with its saga. A batch of ended
/// sagas is chosen through the CreatedAt index, their orders are deleted by tracking id (the unique index; their lines
/// with them, ON DELETE CASCADE), then the sagas. A failed or cancelled saga still waiting for a compensation's
/// confirmation owes something: it stays, and its order with it. (Choosing orders "whose saga is gone" instead made
/// PostgreSQL hash the whole saga table: docs/retention.md.)
/// </summary>
internal sealed class FinishedOrdersRetention : IRetainedTable
{
    private static readonly string[] EndedSagas = [OrderFulfillmentStates.Completed, OrderFulfillmentStates.Failed, OrderFulfillmentStates.Cancelled];

    public string Name => "order_sagas";

    public IReadOnlyList<string> AlsoDeletes { get; } = ["orders"];

    public TimeSpan RetentionOf(RetentionOptions options) => options.FinishedOrders;

    public async Task<int> DeleteBatchAsync(HubDbContext db, DateTime cutoff, int batchSize, IDictionary<string, int> deleted, CancellationToken cancellationToken)
    {
        var sagas = await db.OrderSagas
            .Where(s => s.CreatedAt < cutoff && s.UpdatedAt < cutoff && EndedSagas.Contains(s.CurrentState))
            .Where(s => s.CurrentState == OrderFulfillmentStates.Completed
                || ((!s.StockReserved || s.StockReleased) && (s.PaymentId == null || s.PaymentRefunded) && (s.BookingId == null || s.BookingCancelled)))
            .OrderBy(s => s.CreatedAt).Take(batchSize)
            .Select(s => s.CorrelationId)
            .ToListAsync(cancellationToken);
        if (sagas.Count == 0)
        {
            return 0;
        }

        // Orders first: a crash in between leaves sagas for the next run, never a finished saga's order without it.
        var orders = await db.Orders.Where(r => sagas.Contains(r.TrackingId)).ExecuteDeleteAsync(cancellationToken);
        var gone = await db.OrderSagas.Where(s => sagas.Contains(s.CorrelationId) && s.UpdatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        deleted["orders"] = deleted.TryGetValue("orders", out var o) ? o + orders : orders;
        deleted["order_sagas"] = deleted.TryGetValue("order_sagas", out var s) ? s + gone : gone;
        return sagas.Count;
    }
}
