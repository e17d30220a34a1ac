using CommerceBus.Contracts;

namespace CommerceBus.Examples.Returns;

/// <summary>A customer sends back part of a delivered order: the canonical command this module adds to the hub.</summary>
[CanonicalMessage("ReturnOrder", 1)]
public sealed record ReturnOrder
{
    /// <summary>The order the goods came with.</summary>
    public string? OrderNumber { get; init; }

    /// <summary>What comes back.</summary>
    public string? Sku { get; init; }

    public int Quantity { get; init; }

    /// <summary>Why, in the customer's words.</summary>
    public string? Reason { get; init; }
}
