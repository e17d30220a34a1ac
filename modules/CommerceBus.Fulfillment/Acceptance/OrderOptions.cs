using CommerceBus.Contracts.Validation;

namespace CommerceBus.Fulfillment.Acceptance;

/// <summary>Order settings (configuration <c>CommerceBus:Orders</c>).</summary>
public sealed class OrderOptions
{
    /// <summary>The currencies the hub accepts; default EUR, USD, GBP, CNY, JPY.</summary>
    public string[]? Currencies { get; set; }

    internal OrderRules Rules => Currencies is { Length: > 0 } ? new OrderRules { Currencies = Currencies } : OrderRules.Default;
}
