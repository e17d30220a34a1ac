namespace CommerceBus.Contracts.Orders;

/// <summary>Where an order is shipped to.</summary>
public sealed record Address
{
    public string? Name { get; init; }
    public string? Street { get; init; }
    public string? City { get; init; }
    public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    public string? Country { get; init; }
}
