namespace CommerceBus.Contracts.Orders;

/// <summary>One line of an order: a sku, how many, and the price of one.</summary>
public sealed record OrderLine
{
    public string? Sku { get; init; }
    public int Quantity { get; init; }
    public decimal UnitPrice { get; init; }
}
