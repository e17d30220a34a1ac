namespace CommerceBus.DemoContracts.Payments;

// The bodies of the Payments HTTP contract (contracts/demo/payments-http.md), as the hub sends and reads them.

/// <summary>The body of <c>POST payments/captures</c>.</summary>
internal sealed record CaptureRequest(Guid TrackingId, string OrderNumber, string CustomerId, decimal Amount, string Currency);

/// <summary>The body of <c>POST payments/{paymentId}/refunds</c>.</summary>
internal sealed record RefundRequest(Guid TrackingId, string OrderNumber, decimal Amount, string Currency);

/// <summary>What Payments answers: the payment id when captured or refunded, the reason when declined.</summary>
internal sealed record PaymentAnswer(string? PaymentId, string? Status, string? Reason);
