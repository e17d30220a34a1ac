using CommerceBus.Core.Scheduling;
using System.Diagnostics;
using System.Text.Json;
using CommerceBus.Abstractions.Diagnostics;
using Hangfire;
using MassTransit;
using MassTransit.Serialization;
using CommerceBus.Core.Bus;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>The Hangfire job of a scheduled message: sends it to its destination with its original envelope.</summary>
/// <remarks>
/// A failed send throws, and Hangfire retries the job; the message id stays the same, so a receiver can tell a repeat.
/// The send continues the trace the message was scheduled in (its <c>traceparent</c> header): a saga's step timeout or
/// a delayed redelivery is a span of the order's trace, not the root of a new one. The trace headers stored with the
/// job are not replayed as they are; the send writes fresh ones under the job's span.
/// </remarks>
public sealed class ScheduledMessageJob(IBus bus, JobStorage storage, BusSendLimit limit)
{
    [JobDisplayName("send {0}")]
    public async Task SendAsync(ScheduledMessageData data)
    {
        var type = MessageTypeResolver.Resolve(data.PayloadType);
        var message = JsonSerializer.Deserialize(data.Body, type, SystemTextJsonMessageSerializer.Options)
            ?? throw new InvalidOperationException($"The scheduled {type.Name} has an empty body.");

        var parent = TraceContext.Parse(data.Headers.GetValueOrDefault(TraceContext.TraceParent), data.Headers.GetValueOrDefault(TraceContext.TraceState));
        using var activity = HubTelemetry.Start($"scheduler send {type.Name}", ActivityKind.Producer, parent);
        activity?.SetTag(HubAttributes.MessageType, type.Name);
        var destination = new Uri(data.Destination);
        var endpoint = await bus.GetSendEndpoint(destination);
        await limit.WithinAsync(endpoint.Send(message, type, context =>
        {
            context.MessageId = data.MessageId ?? context.MessageId;
            context.CorrelationId = data.CorrelationId ?? context.CorrelationId;
            context.ConversationId = data.ConversationId ?? context.ConversationId;
            context.InitiatorId = data.InitiatorId ?? context.InitiatorId;
            foreach (var (key, value) in data.Headers)
            {
                if (!IsTraceHeader(key))
                {
                    context.Headers.Set(key, value);
                }
            }
        }), destination, CancellationToken.None);

        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.RemoveHash(ScheduleMessageConsumer.KeyOf(data.TokenId));
        transaction.Commit();
    }

    /// <summary>The W3C headers and MassTransit's own activity headers (<c>MT-Activity-Id</c>, …) of the scheduling moment.</summary>
    private static bool IsTraceHeader(string key) =>
        key is TraceContext.TraceParent or TraceContext.TraceState || key.StartsWith("MT-Activity", StringComparison.OrdinalIgnoreCase);
}
