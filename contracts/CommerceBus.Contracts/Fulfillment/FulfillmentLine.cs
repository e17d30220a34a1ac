namespace CommerceBus.Contracts.Fulfillment;

/// <summary>An order line as the fulfillment steps see it: validated, so every field is set.</summary>
public sealed record FulfillmentLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>A validated ship-to address.</summary>
public sealed record ShippingAddress(string Name, string Street, string City, string PostalCode, string Country);
