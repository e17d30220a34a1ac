namespace CommerceBus.Contracts.Orders;

/// <summary>The canonical command to place an order; every inbound protocol normalizes into this one shape.</summary>
/// <remarks>
/// Fields are nullable because this is what arrived, not what is valid: <see cref="Validation.OrderValidator"/> decides
/// that, and once it has accepted a command every field is set.
/// </remarks>
[CanonicalMessage("PlaceOrder", 1)]
public sealed record PlaceOrder : IOrderCommand
{
    public string? OrderNumber { get; init; }
    public string? CustomerId { get; init; }
    public string? Currency { get; init; }
    public string? Region { get; init; }
    public Address? ShipTo { get; init; }
    public IReadOnlyList<OrderLine>? Lines { get; init; }

    /// <summary>The order total: the sum of quantity times unit price over all lines.</summary>
    public decimal Total() => Lines?.Sum(l => l.Quantity * l.UnitPrice) ?? 0m;

    /// <summary>Whether two commands ask for the same order, field by field (records compare lists by reference).</summary>
    public bool IsSameOrderAs(PlaceOrder other) =>
        OrderNumber == other.OrderNumber && CustomerId == other.CustomerId && Currency == other.Currency
        && Region == other.Region && Equals(ShipTo, other.ShipTo)
        && (Lines ?? []).SequenceEqual(other.Lines ?? []);
}
