namespace CommerceBus.Contracts.Fulfillment;

/// <summary>A message about one order inside its fulfillment; the tracking id correlates it to the order's saga.</summary>
public interface IOrderMessage
{
    Guid TrackingId { get; }

    string OrderNumber { get; }
}
