using CommerceBus.Core.Journal;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Failures;

namespace CommerceBus.IntegrationTests.Retention;

/// <summary>Rows of every table retention touches, old and new, finished and not, timed against the hub's clock.</summary>
internal static class RetentionSeed
{
    public static JournalEntry Journal(DateTime at) => new()
    {
        MessageId = Guid.NewGuid(),
        CorrelationId = Guid.NewGuid().ToString(),
        SourceAdapter = "rest",
        MessageType = "PlaceOrder.v1",
        Outcome = JournalOutcomes.Accepted,
        ReceivedAt = at,
        CompletedAt = at,
    };

    public static InboxEntry Inbox(DateTime at) => new() { MessageId = Guid.NewGuid(), MessageType = "PlaceOrder.v1", AcceptedAt = at };

    public static OrderRecord Order(string number, Guid trackingId, DateTime at) => new()
    {
        OrderNumber = number,
        TrackingId = trackingId,
        CustomerId = "C-1",
        Currency = "EUR",
        Region = "EU",
        ShipToName = "A",
        ShipToStreet = "S",
        ShipToCity = "C",
        ShipToPostalCode = "12345",
        ShipToCountry = "DE",
        Total = 10m,
        SourceAdapter = "rest",
        CorrelationId = trackingId.ToString(),
        CreatedAt = at,
        Lines = [new OrderLineRecord { OrderNumber = number, LineNumber = 1, Sku = "SKU-1", Quantity = 1, UnitPrice = 10m }],
    };

    /// <summary>An order's saga; an ended one carries its end as the order's status, any other says "Accepted".</summary>
    public static OrderSagaRecord Saga(string number, Guid trackingId, string state, DateTime at) => new()
    {
        CorrelationId = trackingId,
        OrderNumber = number,
        CurrentState = state,
        Status = state is OrderFulfillmentStates.Completed or OrderFulfillmentStates.Failed or OrderFulfillmentStates.Cancelled ? state : "Accepted",
        OrderJson = "{}",
        StatusChangedAt = at,
        CreatedAt = at,
        UpdatedAt = at,
    };

    public static FailedMessageRecord Failed(string status, DateTime failedAt, DateTime? resolvedAt) => new()
    {
        MessageId = Guid.NewGuid(),
        MessageType = "CapturePayment.v1",
        Reason = "HttpRequestException: refused",
        FailedAt = failedAt,
        Status = status,
        ResolvedAt = resolvedAt,
        ResolvedBy = resolvedAt is null ? null : "ops",
    };
}
