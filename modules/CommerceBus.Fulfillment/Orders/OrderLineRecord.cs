namespace CommerceBus.Fulfillment.Orders;

/// <summary>One line of an order in the read model.</summary>
public sealed class OrderLineRecord
{
    public long Id { get; set; }
    public required string OrderNumber { get; set; }
    public int LineNumber { get; set; }
    public required string Sku { get; set; }
    public int Quantity { get; set; }
    public decimal UnitPrice { get; set; }
}
