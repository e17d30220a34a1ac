namespace CommerceBus.Fulfillment.Orders;

/// <summary>
/// The names the order fulfillment saga stores in <see cref="OrderSagaRecord.CurrentState"/>, for queries that run in the
/// database (recovery, retention); the order fulfillment state machine (module <c>CommerceBus.Fulfillment</c>) has a
/// state of each name, which a test checks.
/// </summary>
public static class OrderFulfillmentStates
{
    /// <summary>MassTransit's initial state: the order is accepted and its saga has not yet taken the order.</summary>
    public const string NotStarted = "Initial";

    public const string ReservingStock = nameof(ReservingStock);
    public const string CapturingPayment = nameof(CapturingPayment);
    public const string Booking = nameof(Booking);
    public const string Shipping = nameof(Shipping);
    public const string Completed = nameof(Completed);
    public const string Failed = nameof(Failed);
    public const string Cancelled = nameof(Cancelled);
}
