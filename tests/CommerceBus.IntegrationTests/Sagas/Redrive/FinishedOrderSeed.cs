using CommerceBus.Fulfillment.Orders;
using CommerceBus.Persistence;
using Microsoft.EntityFrameworkCore;
using CommerceBus.Core.Journal;

namespace CommerceBus.IntegrationTests.Sagas.Redrive;

/// <summary>
/// Fills a hub database with finished orders fast: each is a copy of an order the real pipeline finished (its order and
/// line rows, its saga row, its journal entries, its inbox entry), under a fresh order number, tracking id and message
/// ids. So every row is what the hub itself writes for a finished order; only the ids differ.
/// </summary>
public static class FinishedOrderSeed
{
    public static async Task CopyAsync(DbContextOptions<HubDbContext> options, IReadOnlyList<string> templates, int copies)
    {
        await using var db = new HubDbContext(options);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => templates.Contains(o.OrderNumber)).ToListAsync();
        var sagas = await db.OrderSagas.AsNoTracking().Where(s => templates.Contains(s.OrderNumber)).ToListAsync();
        var journal = await db.Journal.AsNoTracking().Where(e => e.OrderNumber != null && templates.Contains(e.OrderNumber)).ToListAsync();
        var inbox = await db.Inbox.AsNoTracking().Where(i => i.OrderNumber != null && templates.Contains(i.OrderNumber)).ToListAsync();

        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < copies; i++)
        {
            var template = orders[i % orders.Count];
            var number = $"SEED{i:D8}";
            var trackingId = Guid.NewGuid();
            var correlationId = Guid.NewGuid().ToString();
            string Renamed(string text) => text.Replace(template.OrderNumber, number, StringComparison.Ordinal)
                .Replace(template.TrackingId.ToString(), trackingId.ToString(), StringComparison.OrdinalIgnoreCase);

            var order = Copy(db, template);
            order.OrderNumber = number;
            order.TrackingId = trackingId;
            order.CorrelationId = correlationId;
            order.Lines = [.. template.Lines.Select(l => new OrderLineRecord { OrderNumber = number, LineNumber = l.LineNumber, Sku = l.Sku, Quantity = l.Quantity, UnitPrice = l.UnitPrice })];
            db.Orders.Add(order);

            var saga = Copy(db, sagas.Single(s => s.CorrelationId == template.TrackingId));
            saga.CorrelationId = trackingId;
            saga.OrderNumber = number;
            saga.OrderJson = Renamed(saga.OrderJson);
            db.OrderSagas.Add(saga);

            foreach (var entry in journal.Where(e => e.OrderNumber == template.OrderNumber))
            {
                var copy = Copy(db, entry);
                copy.Id = 0;
                copy.MessageId = Guid.NewGuid();
                copy.OrderNumber = number;
                copy.CorrelationId = entry.CorrelationId == template.CorrelationId ? correlationId : copy.CorrelationId;
                copy.TrackingId = entry.TrackingId is null ? null : trackingId;
                copy.Detail = copy.Detail is null ? null : Renamed(copy.Detail);
                db.Journal.Add(copy);
            }

            foreach (var entry in inbox.Where(e => e.OrderNumber == template.OrderNumber))
            {
                var copy = Copy(db, entry);
                copy.MessageId = Guid.NewGuid();
                copy.OrderNumber = number;
                copy.TrackingId = trackingId;
                db.Inbox.Add(copy);
            }

            if (i % 500 == 499)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static T Copy<T>(HubDbContext db, T entity)
        where T : class => (T)db.Entry(entity).CurrentValues.ToObject();
}
