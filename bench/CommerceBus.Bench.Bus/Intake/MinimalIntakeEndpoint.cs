using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace CommerceBus.Bench.Bus.Intake;

/// <summary>
/// The floor of a durable intake, mapped into the bench's hub process only (never into the product): reads the same
/// <c>PlaceOrder</c> JSON and writes the rows an accepted REST order leaves (the order, its lines, its saga row, the
/// inbound journal entry and the journal entry of its dispatch to the saga) in one transaction on the hub's own
/// <see cref="HubDbContext"/>, then answers 202 with the tracking id. No validation, routing, look-up or bus send.
/// </summary>
internal static class MinimalIntakeEndpoint
{
    public const string Path = "/bench/orders";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Path, async (HttpRequest request, IDbContextFactory<HubDbContext> databases, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var order = await request.ReadFromJsonAsync<PlaceOrder>(CanonicalJson.Options, cancellationToken)
                ?? throw new BadHttpRequestException("no order");
            var number = order.OrderNumber!;
            var trackingId = Guid.NewGuid();
            var now = clock.GetUtcNow().UtcDateTime;
            var shipTo = order.ShipTo!;
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            db.Orders.Add(new OrderRecord
            {
                OrderNumber = number,
                TrackingId = trackingId,
                CustomerId = order.CustomerId!,
                Currency = order.Currency!,
                Region = order.Region!,
                ShipToName = shipTo.Name!,
                ShipToStreet = shipTo.Street!,
                ShipToCity = shipTo.City!,
                ShipToPostalCode = shipTo.PostalCode!,
                ShipToCountry = shipTo.Country!,
                Total = order.Lines!.Sum(l => l.Quantity * l.UnitPrice),
                Lines = [.. order.Lines!.Select((l, i) => new OrderLineRecord { OrderNumber = number, LineNumber = i + 1, Sku = l.Sku!, Quantity = l.Quantity, UnitPrice = l.UnitPrice })],
                SourceAdapter = "bench",
                CorrelationId = "bench-" + number,
                CreatedAt = now,
                Saga = new OrderSagaRecord
                {
                    CorrelationId = trackingId,
                    Version = 1,
                    CurrentState = OrderFulfillmentStates.NotStarted,
                    OrderNumber = number,
                    OrderJson = CanonicalJson.Serialize(order),
                    Status = nameof(OrderStatus.Accepted),
                    StatusChangedAt = now,
                    CreatedAt = now,
                    UpdatedAt = now,
                },
            });
            db.Journal.Add(Entry(number, trackingId, JournalDirection.Inbound, null, now));
            db.Journal.Add(Entry(number, trackingId, JournalDirection.Outbound, "order-fulfillment", now));
            await db.SaveChangesAsync(cancellationToken);
            return Results.Accepted($"/api/orders/{number}", new { orderNumber = number, trackingId, status = "Accepted" });
        });

    private static JournalEntry Entry(string number, Guid trackingId, JournalDirection direction, string? destination, DateTime now) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = "bench-" + number,
        SourceAdapter = "bench",
        MessageType = "PlaceOrder.v1",
        Direction = direction,
        OrderNumber = number,
        TrackingId = trackingId,
        Route = "order-intake",
        Destination = destination,
        Outcome = direction == JournalDirection.Inbound ? JournalOutcomes.Accepted : JournalOutcomes.Delivered,
        ReceivedAt = now,
        CompletedAt = now,
    };
}
