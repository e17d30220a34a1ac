namespace CommerceBus.Contracts.Orders;

/// <summary>The canonical command to cancel an order that has not shipped yet.</summary>
[CanonicalMessage("CancelOrder", 1)]
public sealed record CancelOrder : IOrderCommand
{
    public string? OrderNumber { get; init; }
    public string? Reason { get; init; }
}
