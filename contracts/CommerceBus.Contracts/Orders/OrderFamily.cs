namespace CommerceBus.Contracts.Orders;

/// <summary>
/// The name the hub knows orders by where it is generic: the family of their status queries and of their outcome events
/// (the AMQP events' routing keys start with it).
/// </summary>
public static class OrderFamily
{
    public const string Name = "order";
}
