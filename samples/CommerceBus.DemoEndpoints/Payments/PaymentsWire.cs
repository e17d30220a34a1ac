namespace CommerceBus.DemoEndpoints.Payments;

// The bodies of the Payments HTTP contract (contracts/demo/payments-http.md), as the service reads and writes them.

/// <summary>The body of <c>POST /payments/captures</c>.</summary>
internal sealed record CaptureBody(Guid TrackingId, string? OrderNumber, string? CustomerId, decimal Amount, string? Currency);

/// <summary>The body of <c>POST /payments/{paymentId}/refunds</c>.</summary>
internal sealed record RefundBody(Guid TrackingId, string? OrderNumber, decimal Amount, string? Currency);

/// <summary>What the service answers: the payment id when captured or refunded, the reason when declined or refused.</summary>
internal sealed record PaymentAnswer(string? PaymentId, string Status, string? Reason = null);
