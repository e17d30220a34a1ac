using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.DemoEndpoints.LegacyErp;
using CommerceBus.DemoEndpoints.Payments;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.DemoEndpoints.InProcess;

/// <summary>
/// Connector kind <c>demo</c>: calls a demo endpoint's business rules in process (setting <c>Target</c>: payments,
/// erp-eu, erp-us, shipping). It stands in for the endpoints whose protocol connector has not been written yet; it goes
/// through the same connector seam, so swapping it for the real protocol is a configuration change.
/// </summary>
/// <remarks>
/// Setting <c>HoldWhileFileExists</c> (a file path) holds every delivery while that file exists: a test can stop an
/// order between two steps in a hub it runs as a separate process, and kill that process there.
/// </remarks>
public sealed class InProcessDemoConnectorFactory(DemoEndpointState state) : IConnectorFactory
{
    public string Kind => "demo";

    public AdapterCapabilities Capabilities { get; } = new() { Direction = AdapterDirection.Outbound, RequestReply = true };

    public IEndpointConnector Create(string endpoint, IConfigurationSection settings)
    {
        var target = settings["Target"] ?? endpoint;
        var hold = settings["HoldWhileFileExists"];
        return target.ToUpperInvariant() switch
        {
            "PAYMENTS" => new Connector(m => Payments(state.Payments, m), hold),
            "ERP-EU" => new Connector(m => Erp(state.ErpEu, m), hold),
            "ERP-US" => new Connector(m => Erp(state.ErpUs, m), hold),
            "SHIPPING" => new Connector(m => m.Command is BookShipment b ? state.Shipping.Book(b) : Unsupported(m, "shipping"), hold),
            _ => throw new InvalidOperationException($"Target '{target}' is not a demo endpoint (payments, erp-eu, erp-us, shipping)"),
        };
    }

    private static object Payments(PaymentsLedger ledger, OutboundMessage message) => message.Command switch
    {
        CapturePayment capture => ledger.Capture(capture, message.IdempotencyKey),
        RefundPayment refund => ledger.Refund(refund),
        _ => Unsupported(message, "payments"),
    };

    private static object Erp(ErpBook erp, OutboundMessage message)
    {
        switch (message.Command)
        {
            case BookOrder book:
                var (bookingId, refusal) = erp.Book(book);
                return bookingId is null
                    ? new BookingRefused(book.TrackingId, book.OrderNumber, refusal!)
                    : new OrderBooked(book.TrackingId, book.OrderNumber, bookingId, erp.Instance);
            case CancelBooking cancel:
                erp.Cancel(cancel.BookingId);
                return new BookingCancelled(cancel.TrackingId, cancel.OrderNumber, cancel.BookingId);
            default:
                return Unsupported(message, erp.Instance);
        }
    }

    private static object Unsupported(OutboundMessage message, string endpoint) =>
        throw new NotSupportedException($"The demo {endpoint} endpoint does not handle {message.Command.GetType().Name}; check the routes.");

    private sealed class Connector(Func<OutboundMessage, object> handle, string? hold) : IEndpointConnector
    {
        public async Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            while (hold is not null && File.Exists(hold))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }

            return DeliveryResult.Replied(handle(message));
        }
    }
}
