using System.Collections.Concurrent;
using CommerceBus.Contracts.Fulfillment;

namespace CommerceBus.DemoEndpoints.Shipping;

/// <summary>
/// The legacy shipping system's business rules: books a shipment and gives it a tracking number, except to postal code
/// <c>00000</c>. Booking the same order again returns the same tracking number.
/// </summary>
public sealed class ShippingDesk
{
    private readonly ConcurrentDictionary<string, string> _shipments = new();
    private int _next;

    public IReadOnlyDictionary<string, string> Shipments => _shipments;

    /// <summary>Books a shipment; returns null and a reason when shipping refuses it.</summary>
    public (string? TrackingNumber, string? Refusal) Book(string orderNumber, string postalCode)
    {
        if (postalCode.Trim() == "00000")
        {
            return (null, "shipping refused: postal code 00000 is not deliverable");
        }

        return (_shipments.GetOrAdd(orderNumber, _ => $"SHP{Interlocked.Increment(ref _next):D9}"), null);
    }

    public object Book(BookShipment command)
    {
        var (tracking, refusal) = Book(command.OrderNumber, command.ShipTo.PostalCode);
        return tracking is null
            ? new ShipmentRefused(command.TrackingId, command.OrderNumber, refusal!)
            : new ShipmentBooked(command.TrackingId, command.OrderNumber, tracking);
    }
}
