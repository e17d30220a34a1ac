namespace CommerceBus.Adapters.OData.Model;

/// <summary>One line of an order in the query API.</summary>
public sealed class OrderLine
{
    public long Id { get; init; }
    public required string OrderNumber { get; init; }
    public int LineNumber { get; init; }
    public required string Sku { get; init; }
    public int Quantity { get; init; }
    public decimal UnitPrice { get; init; }
}
