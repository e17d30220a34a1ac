namespace CommerceBus.Contracts.Validation;

/// <summary>One broken rule: the field (a camelCase path such as <c>lines[1].sku</c>) and what the rule says.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
