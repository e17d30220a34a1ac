using CommerceBus.Core.Scheduling;
using System.Text.Json;
using Hangfire;
using MassTransit;
using MassTransit.Serialization;
using CommerceBus.Core.Bus;

namespace CommerceBus.Scheduling.Hangfire;

/// <summary>The Hangfire job of a scheduled message: sends it to its destination with its original envelope.</summary>
/// <remarks>A failed send throws, and Hangfire retries the job; the message id stays the same, so a receiver can tell a repeat.</remarks>
public sealed class ScheduledMessageJob(IBus bus, JobStorage storage, BusSendLimit limit)
{
    [JobDisplayName("send {0}")]
    public async Task SendAsync(ScheduledMessageData data)
    {
        var type = MessageTypeResolver.Resolve(data.PayloadType);
        var message = JsonSerializer.Deserialize(data.Body, type, SystemTextJsonMessageSerializer.Options)
            ?? throw new InvalidOperationException($"The scheduled {type.Name} has an empty body.");

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
                context.Headers.Set(key, value);
            }
        }), destination, CancellationToken.None);

        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.RemoveHash(ScheduleMessageConsumer.KeyOf(data.TokenId));
        transaction.Commit();
    }
}
