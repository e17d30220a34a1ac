using CommerceBus.Abstractions.Envelope;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Core.Failures;

namespace CommerceBus.Core.Pipeline;

/// <summary>
/// Records an inbound message an adapter gave up on in the failed-message store, beside the parked deliveries: the
/// command, its wire headers, the intake queue as the endpoint, no route (it never got one), and every try. A retry
/// submits the stored command to the inbound pipeline again; the message itself is also kept where the adapter says.
/// The business key it names is the one the command's module gives (<see cref="ICommandValidator.KeyOf"/>).
/// </summary>
internal sealed class InboundFailureRecorder(FailedMessageStore store, IEnumerable<ICommandValidator> validators, TimeProvider clock) : IInboundFailureRecorder
{
    /// <summary>The header that names where the adapter kept the message (a retry from the store leaves it out).</summary>
    public const string KeptInHeader = "CommerceBus-Kept-In";

    public async Task RecordAsync(InboundFailure failure, CancellationToken cancellationToken)
    {
        var message = failure.Message;
        var envelope = EnvelopeCodec.FromInbound(message, failure.Attempts.Count > 0 ? failure.Attempts[0].At : clock.GetUtcNow());
        var headers = new Dictionary<string, string>(message.Headers, StringComparer.OrdinalIgnoreCase);
        if (failure.KeptIn is { } keptIn)
        {
            headers[KeptInHeader] = keptIn;
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
                validators.FirstOrDefault(v => v.CommandType == message.Command.GetType())?.KeyOf(message.Command),
                TrackingId: null,
                attempts,
                new IntakeRejectedException(failure.Reason),
                ReplayOf: null,
                FailedMessageKind.Intake),
            cancellationToken);
    }
}
