namespace CommerceBus.Contracts.Orders;

/// <summary>A command from outside about one order, named by its number (which may still be invalid).</summary>
public interface IOrderCommand
{
    string? OrderNumber { get; }
}
