using System.Collections.Concurrent;
using CommerceBus.Core.Sagas.Storage;

namespace CommerceBus.IntegrationTests.Sagas;

/// <summary>
/// The hub's real outbox sender, except that it refuses the sends <c>refuse</c> picks, the way a broker that dropped
/// the channel or was away does; it records what it refused and what it sent, by message id.
/// </summary>
public sealed class RefusingOutboxSender(IOutboxSender inner, Func<OutboxMessageRecord, bool> refuse) : IOutboxSender
{
    public ConcurrentQueue<OutboxMessageRecord> Refused { get; } = new();

    public ConcurrentQueue<OutboxMessageRecord> Sent { get; } = new();

    public async Task SendAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        if (refuse(message))
        {
            Refused.Enqueue(message);
            throw new IOException($"The broker refused {message.MessageType} {message.MessageId} (a refusal made by the test).");
        }

        await inner.SendAsync(message, cancellationToken);
        Sent.Enqueue(message);
    }

    /// <summary>Refuses the first <paramref name="count"/> messages of the contract type named <paramref name="typeName"/>.</summary>
    public static Func<OutboxMessageRecord, bool> First(string typeName, int count)
    {
        var left = count;
        return message => message.MessageType.EndsWith("." + typeName, StringComparison.Ordinal) && Interlocked.Decrement(ref left) >= 0;
    }
}
