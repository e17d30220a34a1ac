using System.Collections.Concurrent;
using CommerceBus.Contracts.Fulfillment;

namespace CommerceBus.DemoEndpoints.LegacyErp;

/// <summary>
/// The legacy ERP's business rules, one book per instance (ERP-EU, ERP-US): books every order except for customers
/// whose id starts <c>ERRERP</c>, cancels bookings on request. Booking the same order again returns the same booking.
/// </summary>
public sealed class ErpBook(string instance)
{
    private readonly ConcurrentDictionary<string, string> _bookings = new();
    private int _next;

    public string Instance { get; } = instance;

    /// <summary>Orders booked here (order number to booking id).</summary>
    public IReadOnlyDictionary<string, string> Bookings => _bookings;

    /// <summary>Booking ids cancelled.</summary>
    public ConcurrentDictionary<string, bool> Cancelled { get; } = new();

    /// <summary>Books an order; returns null and a reason when the ERP refuses it.</summary>
    public (string? BookingId, string? Refusal) Book(BookOrder command)
    {
        if (command.CustomerId.StartsWith("ERRERP", StringComparison.Ordinal))
        {
            return (null, $"{Instance} refused the booking: customer {command.CustomerId} cannot be booked");
        }

        var id = _bookings.GetOrAdd(command.OrderNumber, _ => $"{Instance}-{Interlocked.Increment(ref _next):D6}");
        return (id, null);
    }

    public void Cancel(string bookingId) => Cancelled[bookingId] = true;
}
