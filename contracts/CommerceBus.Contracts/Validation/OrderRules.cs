namespace CommerceBus.Contracts.Validation;

/// <summary>The configurable part of the order field rules.</summary>
public sealed record OrderRules
{
    public static readonly OrderRules Default = new();

    /// <summary>The currencies the hub accepts (configuration <c>CommerceBus:Orders:Currencies</c>).</summary>
    public IReadOnlyList<string> Currencies { get; init; } = ["EUR", "USD", "GBP", "CNY", "JPY"];
}
