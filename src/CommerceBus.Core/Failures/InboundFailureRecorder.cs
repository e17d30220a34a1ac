using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Dispatch.Recoverability;

namespace CommerceBus.Core.Failures;

/// <summary>
/// Records an inbound message an adapter gave up on in the failed-message store, beside the parked deliveries: the
/// command, its wire headers, the intake queue as the endpoint, no route (it never got one), and every try. Such a
/// record cannot be replayed (it is not a routed command); the message itself is kept where the adapter says.
/// </summary>
internal sealed class InboundFailureRecorder(FailedMessageStore store, TimeProvider clock) : IInboundFailureRecorder
{
    public async Task RecordAsync(InboundFailure failure, CancellationToken cancellationToken)
    {
        var message = failure.Message;
        var messageId = message.MessageId ?? Guid.NewGuid();
        var envelope = new MessageEnvelope
        {
            MessageId = messageId,
            CorrelationId = string.IsNullOrWhiteSpace(message.CorrelationId) ? messageId.ToString() : message.CorrelationId,
            SourceAdapter = message.SourceAdapter,
            MessageType = CanonicalTypes.VersionedNameOf(message.Command.GetType()),
            ReceivedAt = failure.Attempts.Count > 0 ? failure.Attempts[0].At : clock.GetUtcNow(),
            Headers = message.Headers,
        };
        var headers = new Dictionary<string, string>(message.Headers, StringComparer.OrdinalIgnoreCase);
        if (failure.KeptIn is { } keptIn)
        {
            headers["CommerceBus-Kept-In"] = keptIn;
        }

        var attempts = failure.Attempts
            .Select((a, i) => new DeliveryAttempt(a.At.UtcDateTime, failure.Source, i, typeof(IntakeRejectedException).FullName!, a.Answer))
            .ToList();
        await store.RecordAsync(
            new FailedDelivery(
                message.Command,
                envelope,
                headers,
                failure.Source,
                Route: null,
                (message.Command as IOrderCommand)?.OrderNumber,
                TrackingId: null,
                attempts,
                new IntakeRejectedException(failure.Reason),
                ReplayOf: null),
            cancellationToken);
    }
}
