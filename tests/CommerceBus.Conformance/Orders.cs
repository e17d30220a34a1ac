using System.Security.Cryptography;
using CommerceBus.Contracts.Orders;

namespace CommerceBus.Conformance;

/// <summary>Orders for tests: valid by default, with a fresh order number each time.</summary>
public static class Orders
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>A fresh order number: 12 characters, so concurrent runs and re-used databases do not collide.</summary>
    public static string NewNumber(string prefix = "T") =>
        prefix + RandomNumberGenerator.GetString(Alphabet, 12 - prefix.Length);

    /// <summary>The example order of the wire contracts (two lines, EU, London) under a fresh number.</summary>
    public static PlaceOrder Valid(string? orderNumber = null) => new()
    {
        OrderNumber = orderNumber ?? NewNumber(),
        CustomerId = "C-42",
        Currency = "EUR",
        Region = "EU",
        ShipTo = new Address { Name = "Ada Lovelace", Street = "12 Analytical Way", City = "London", PostalCode = "NW1 2DB", Country = "GB" },
        Lines =
        [
            new OrderLine { Sku = "BOOK-001", Quantity = 2, UnitPrice = 19.99m },
            new OrderLine { Sku = "PEN-777", Quantity = 1, UnitPrice = 3.50m },
        ],
    };
}
