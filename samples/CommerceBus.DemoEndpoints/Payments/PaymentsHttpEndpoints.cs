using CommerceBus.Contracts.Fulfillment;
using Microsoft.AspNetCore.Http;

namespace CommerceBus.DemoEndpoints.Payments;

/// <summary>
/// The handlers of the Payments HTTP contract over the <see cref="PaymentsLedger"/> rules: a capture needs an
/// <c>Idempotency-Key</c> and gets the same answer for the same key, charged once.
/// </summary>
internal static class PaymentsHttpEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IResult Capture(HttpRequest request, CaptureBody? body, PaymentsLedger ledger)
    {
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length is 0 or > 200)
        {
            return Refused($"the {IdempotencyKeyHeader} header is required (at most 200 characters)");
        }

        if (body is null || string.IsNullOrWhiteSpace(body.OrderNumber) || string.IsNullOrWhiteSpace(body.Currency)
            || string.IsNullOrWhiteSpace(body.CustomerId) || body.Amount <= 0)
        {
            return Refused("a capture needs trackingId, orderNumber, customerId, currency and a positive amount");
        }

        var answer = ledger.Capture(new CapturePayment(body.TrackingId, body.OrderNumber, body.CustomerId, body.Amount, body.Currency), key);
        return answer switch
        {
            PaymentCaptured captured => Results.Json(new PaymentAnswer(captured.PaymentId, "Captured"), statusCode: StatusCodes.Status201Created),
            PaymentDeclined declined => Results.Json(new PaymentAnswer(null, "Declined", declined.Reason), statusCode: StatusCodes.Status402PaymentRequired),
            _ => throw new InvalidOperationException($"The ledger answered {answer.GetType().Name}"),
        };
    }

    public static IResult Refund(string paymentId, RefundBody? body, PaymentsLedger ledger)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.OrderNumber))
        {
            return Refused("a refund needs trackingId and orderNumber");
        }

        // Refunding twice is refunding once: the ledger keeps a set of refunded payments.
        var refunded = ledger.Refund(new RefundPayment(body.TrackingId, body.OrderNumber, paymentId, body.Amount, body.Currency ?? ""));
        return Results.Json(new PaymentAnswer(refunded.PaymentId, "Refunded"));
    }

    private static IResult Refused(string reason) =>
        Results.Json(new PaymentAnswer(null, "Invalid", reason), statusCode: StatusCodes.Status400BadRequest);
}
