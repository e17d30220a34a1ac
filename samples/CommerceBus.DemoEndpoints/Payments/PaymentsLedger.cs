using System.Collections.Concurrent;
using System.Globalization;
using CommerceBus.Contracts.Fulfillment;

namespace CommerceBus.DemoEndpoints.Payments;

/// <summary>
/// The Payments service's business rules: captures the order total unless it is above 50000.00, refunds on request.
/// A capture is applied once per idempotency key, whatever the number of attempts.
/// </summary>
public sealed class PaymentsLedger
{
    public const decimal Limit = 50000.00m;

    private readonly ConcurrentDictionary<string, object> _captures = new();

    /// <summary>How many distinct captures were made (a retried capture counts once).</summary>
    public int CaptureCount => _captures.Values.Count(v => v is PaymentCaptured);

    /// <summary>Payment ids refunded.</summary>
    public ConcurrentDictionary<string, bool> Refunded { get; } = new();

    public object Capture(CapturePayment command, string idempotencyKey) =>
        _captures.GetOrAdd(idempotencyKey, _ => command.Amount > Limit
            ? new PaymentDeclined(command.TrackingId, command.OrderNumber,
                string.Create(CultureInfo.InvariantCulture, $"payment declined: total {command.Amount:0.00} {command.Currency} is above the limit of {Limit:0.00}"))
            : new PaymentCaptured(command.TrackingId, command.OrderNumber, $"PAY-{command.TrackingId:N}"[..20]));

    public PaymentRefunded Refund(RefundPayment command)
    {
        Refunded[command.PaymentId] = true;
        return new PaymentRefunded(command.TrackingId, command.OrderNumber, command.PaymentId);
    }
}
