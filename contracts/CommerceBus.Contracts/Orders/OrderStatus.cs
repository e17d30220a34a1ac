namespace CommerceBus.Contracts.Orders;

/// <summary>The status values of an order, the same on every protocol.</summary>
public enum OrderStatus
{
    Accepted,
    StockReserved,
    PaymentCaptured,
    Booked,
    Shipped,
    Completed,
    Cancelled,
    Failed,
}

/// <summary>Questions about an <see cref="OrderStatus"/> the hub asks in more than one place.</summary>
public static class OrderStatusRules
{
    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Completed or OrderStatus.Cancelled or OrderStatus.Failed;

    /// <summary>An order can be cancelled until it has shipped.</summary>
    public static bool CanBeCancelled(this OrderStatus status) =>
        status is OrderStatus.Accepted or OrderStatus.StockReserved or OrderStatus.PaymentCaptured or OrderStatus.Booked;
}
