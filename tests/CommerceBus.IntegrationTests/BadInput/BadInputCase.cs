namespace CommerceBus.IntegrationTests.BadInput;

/// <summary>
/// One generated input: its category (what kind of damage), a name that reproduces it with the seed, the order number
/// the undamaged message carried, the bytes to send, and an adapter-specific variant (a SOAP version, a routing key).
/// </summary>
public sealed record BadInputCase(int Index, string Category, string Name, string OrderNumber, byte[] Body, string Variant = "")
{
    public override string ToString() => $"#{Index} {Category}/{Name}{(Variant.Length > 0 ? $" [{Variant}]" : "")}";
}
