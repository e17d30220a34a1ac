using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Persistence;
using CommerceBus.Core.Failures;

namespace CommerceBus.IntegrationTests.OData;

/// <summary>A small, known read model the query tests ask about: six orders, a journal of two flows, two sagas and one failed message.</summary>
public static class ODataSeed
{
    public static readonly DateTime Day = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    public static void Add(HubDbContext db)
    {
        db.Orders.AddRange(
            Order("O-1", "Completed", "EU", 1, ("BOOK-001", 2, 19.99m), ("PEN-777", 1, 3.50m)),
            Order("O-2", "Completed", "US", 2, ("LAMP-1", 1, 150.00m)),
            Order("O-3", "Failed", "APAC", 3, ("CAR-9", 1, 60000.00m)),
            Order("O-4", "Completed", "EU", 4, ("DESK-2", 1, 100.00m)),
            Order("O-5", "Cancelled", "US", 5, ("CHAIR-3", 3, 83.50m)),
            Order("O-6", "Completed", "EU", 6, ("DIG-BOOK", 1, 99.99m)));
        db.Journal.AddRange(
            Entry("corr-1", "PlaceOrder.v1", JournalDirection.Inbound, null, JournalOutcomes.Accepted),
            Entry("corr-1", "ReserveStock.v1", JournalDirection.Outbound, "inventory", JournalOutcomes.Delivered),
            Entry("corr-1", "CapturePayment.v1", JournalDirection.Outbound, "payments", JournalOutcomes.Delivered),
            Entry("corr-2", "PlaceOrder.v1", JournalDirection.Inbound, null, JournalOutcomes.Accepted),
            Entry("corr-2", "ReserveStock.v1", JournalDirection.Outbound, "inventory", JournalOutcomes.Failed));
        db.OrderSagas.AddRange(
            // Ended sagas only: the hub resumes a saga that waits on a step, and these have no real order behind them.
            new OrderSagaRecord { CorrelationId = Guid.NewGuid(), OrderNumber = "O-7", CurrentState = "Completed", ShipmentTrackingNumber = "SHP-7", OrderJson = "{}", CreatedAt = Day, UpdatedAt = Day.AddMinutes(5) },
            new OrderSagaRecord { CorrelationId = Guid.NewGuid(), OrderNumber = "O-8", CurrentState = "Failed", Reason = "booking refused", OrderJson = "{}", CreatedAt = Day, UpdatedAt = Day });
        db.FailedMessages.Add(new FailedMessageRecord
        {
            MessageId = Guid.NewGuid(),
            CorrelationId = "corr-2",
            MessageType = "ReserveStock.v1",
            Endpoint = "inventory",
            Route = "default",
            OrderNumber = "O-9",
            Reason = "TimeoutException: inventory did not answer",
            ExceptionType = "System.TimeoutException",
            Body = "{}",
            Attempts = 6,
            AttemptHistory = "[]",
            FailedAt = Day,
            Status = "Retried",
            ResolvedBy = "alice",
        });
    }

    private static OrderRecord Order(string number, string status, string region, int day, params (string Sku, int Quantity, decimal Price)[] lines) => Order(Guid.NewGuid(), number, status, region, day, lines);

    private static OrderRecord Order(Guid trackingId, string number, string status, string region, int day, (string Sku, int Quantity, decimal Price)[] lines) => new()
    {
        OrderNumber = number,
        TrackingId = trackingId,
        CustomerId = "C-" + number,
        Currency = "EUR",
        Region = region,
        ShipToName = "Ada",
        ShipToStreet = "1 Way",
        ShipToCity = "London",
        ShipToPostalCode = "NW1",
        ShipToCountry = "GB",
        Total = lines.Sum(l => l.Quantity * l.Price),
        Lines = [.. lines.Select((l, i) => new OrderLineRecord { OrderNumber = number, LineNumber = i + 1, Sku = l.Sku, Quantity = l.Quantity, UnitPrice = l.Price })],
        SourceAdapter = "rest",
        CorrelationId = "corr-" + number,
        CreatedAt = Day.AddDays(day),

        // The order's state is its saga's; ended, as the hub resumes a saga that waits on a step.
        Saga = new OrderSagaRecord
        {
            CorrelationId = trackingId,
            OrderNumber = number,
            CurrentState = status,
            Status = status,
            OrderJson = "{}",
            StatusChangedAt = Day.AddDays(day),
            CreatedAt = Day.AddDays(day),
            UpdatedAt = Day.AddDays(day),
        },
    };

    private static JournalEntry Entry(string correlationId, string type, JournalDirection direction, string? destination, string outcome) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = correlationId,
        SourceAdapter = "rest",
        MessageType = type,
        Direction = direction,
        Destination = destination,
        Outcome = outcome,
        ReceivedAt = Day,
        CompletedAt = Day,
    };
}
