using System.Collections.Concurrent;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.DemoEndpoints.LegacyErp.Wire;

namespace CommerceBus.DemoEndpoints.LegacyErp;

/// <summary>
/// One ERP instance's SOAP booking service: the <see cref="ErpBook"/> rules behind the WSDL. A repeated idempotency key
/// gets its first answer again, refusal included, whatever happened since.
/// </summary>
internal sealed class BookingService(ErpBook book) : IBookingServiceContract
{
    private readonly ConcurrentDictionary<string, object> _answers = new(StringComparer.Ordinal);

    public Task<BookingConfirmation> BookOrder(ErpBooking booking)
    {
        var answer = _answers.GetOrAdd(Key(booking.IdempotencyKey, "BookOrder", booking.OrderNumber), _ =>
        {
            var (bookingId, refusal) = book.Book(new BookOrder(
                Guid.TryParse(booking.TrackingId, out var tracking) ? tracking : Guid.Empty,
                booking.OrderNumber,
                booking.CustomerId,
                booking.Region,
                booking.Currency,
                booking.Total,
                [.. booking.Lines.Select(l => new FulfillmentLine(l.Sku, l.Quantity, l.UnitPrice))]));
            return bookingId is null
                ? new Refusal(refusal!)
                : new BookingConfirmation { BookingId = bookingId, Erp = book.Instance };
        });
        return answer is Refusal refused
            ? Task.FromException<BookingConfirmation>(new ErpRefusalException(book.Instance, refused.Reason))
            : Task.FromResult((BookingConfirmation)answer);
    }

    public Task<CancellationConfirmation> CancelBooking(ErpCancellation cancellation)
    {
        book.Cancel(cancellation.BookingId);
        return Task.FromResult(new CancellationConfirmation { BookingId = cancellation.BookingId, Cancelled = true });
    }

    private sealed record Refusal(string Reason);

    // Without a key the request is its own key: the book is idempotent per order number anyway.
    private static string Key(string idempotencyKey, string operation, string orderNumber) =>
        string.IsNullOrWhiteSpace(idempotencyKey) ? $"{operation}:{orderNumber}" : idempotencyKey;
}
