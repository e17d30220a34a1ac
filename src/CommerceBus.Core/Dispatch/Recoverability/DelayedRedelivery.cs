using System.Globalization;
using System.Text.Json;
using CommerceBus.Abstractions.Diagnostics;
using CommerceBus.Core.Scheduling;
using MassTransit;
using MassTransit.Serialization;

namespace CommerceBus.Core.Dispatch.Recoverability;

/// <summary>
/// Sends a routed command back to the dispatch queue later, for one endpoint, through the hub's Hangfire scheduler (the
/// same job that serves MassTransit's scheduling seam), with its original message id, correlation and headers.
/// </summary>
/// <remarks>
/// With Hangfire on PostgreSQL the redelivery survives a restart. In memory (the embedded default) it does not; the
/// saga's step timeout then ends the order with its compensations, and start-up recovery re-drives waiting steps.
/// </remarks>
public sealed class DelayedRedelivery(IScheduledMessageJobs jobs)
{
    public void Schedule<TCommand>(ConsumeContext<TCommand> context, string endpoint, RetryDecision decision, IReadOnlyList<DeliveryAttempt> attempts)
        where TCommand : class
    {
        var headers = context.Headers.GetAll()
            .Where(h => h.Value is not null && !RedeliveryHeaders.All.Contains(h.Key) && !h.Key.StartsWith("MT-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => Convert.ToString(h.Value, CultureInfo.InvariantCulture) ?? "");
        // The redelivery continues the order's trace from this consumer's span (ScheduledMessageJob restores it).
        if (TraceContext.CurrentTraceParent() is { } traceParent)
        {
            headers[TraceContext.TraceParent] = traceParent;
            headers.Remove(TraceContext.TraceState);
        }

        headers[RedeliveryHeaders.Endpoint] = endpoint;
        headers[RedeliveryHeaders.Round] = decision.NextRound.ToString(CultureInfo.InvariantCulture);
        headers[RedeliveryHeaders.Attempts] = RedeliveryHeaders.Serialize(attempts);
        if (RedeliveryHeaders.ReplayOfId(context.Headers) is { } replayOf)
        {
            headers[RedeliveryHeaders.ReplayOf] = replayOf.ToString(CultureInfo.InvariantCulture);
        }

        var data = new ScheduledMessageData
        {
            Destination = context.ReceiveContext.InputAddress.ToString(),
            PayloadType = [MessageUrn.ForTypeString<TCommand>()],
            Body = JsonSerializer.Serialize(context.Message, SystemTextJsonMessageSerializer.Options),
            TokenId = NewId.NextGuid(),
            MessageId = context.MessageId,
            CorrelationId = context.CorrelationId,
            ConversationId = context.ConversationId,
            InitiatorId = context.InitiatorId,
            Headers = headers,
        };
        jobs.Schedule(data, decision.Delay);
    }
}
