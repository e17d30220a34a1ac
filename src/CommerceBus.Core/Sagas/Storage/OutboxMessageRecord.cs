using System.Text.Json;
using CommerceBus.Abstractions.Envelope;
using CommerceBus.Contracts.Json;

namespace CommerceBus.Core.Sagas.Storage;

/// <summary>
/// A message a saga step published, stored in <c>outbox_messages</c> in the same transaction as the saga row, and
/// removed once the broker has confirmed it. A row still here was committed but never confirmed sent (the process
/// stopped, or the broker refused it): <see cref="OutboxSweeper"/> sends it again.
/// </summary>
/// <remarks>
/// The message keeps the identity it was given when the step ran (message id, tracking, conversation and initiator
/// ids, the flow's envelope headers), so a receiver that already saw it recognises it as the same message.
/// </remarks>
public sealed class OutboxMessageRecord
{
    public Guid MessageId { get; set; }

    /// <summary>The saga instance (the order's tracking id) whose step published it.</summary>
    public Guid SagaId { get; set; }

    /// <summary>The order's tracking id, sent as MassTransit's CorrelationId (stored in the <c>CorrelationId</c> column).</summary>
    public Guid? TrackingId { get; set; }

    public Guid? ConversationId { get; set; }

    public Guid? InitiatorId { get; set; }

    /// <summary>The full name of the contract type (in CommerceBus.Contracts) the body is an instance of.</summary>
    public string MessageType { get; set; } = "";

    /// <summary>The message in canonical JSON.</summary>
    public string Body { get; set; } = "";

    /// <summary>The envelope headers the message carries, as a JSON object of strings.</summary>
    public string Headers { get; set; } = "{}";

    public DateTime CreatedAt { get; set; }

    /// <summary>The message's place among those its step published: the order in which they are sent.</summary>
    public int Position { get; set; }

    /// <summary>
    /// The message and headers this row was made from, when this process staged it (<see cref="SagaOutbox"/>): sent right
    /// after the commit as they are, instead of read back from <see cref="Body"/> and <see cref="Headers"/>. Null for a row
    /// read from the table (the sweep), which is read back. Not a column.
    /// </summary>
    internal (object Message, IReadOnlyDictionary<string, string> Headers)? Staged { get; init; }

    /// <summary>The message, read back as its contract type.</summary>
    /// <exception cref="InvalidOperationException">The type is not a CommerceBus contract or the body does not read as it.</exception>
    public object ReadMessage()
    {
        var type = typeof(CanonicalJson).Assembly.GetType(MessageType, throwOnError: false)
            ?? throw new InvalidOperationException(
                $"Outbox message {MessageId} is of type '{MessageType}', which is not a CommerceBus contract; it cannot be sent. Delete the row once you have checked why it was stored.");
        try
        {
            return CanonicalJson.Deserialize(Body, type) ?? throw new JsonException("the body is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(
                $"Outbox message {MessageId} does not read as {MessageType}: {ex.Message}. Delete the row once you have checked why it was stored.", ex);
        }
    }

    /// <summary>The envelope headers, read back.</summary>
    /// <exception cref="InvalidOperationException">The stored headers do not read.</exception>
    public IReadOnlyDictionary<string, string> ReadHeaders()
    {
        try
        {
            return EnvelopeCodec.Deserialize(Headers);
        }
        catch (EnvelopeFormatException ex)
        {
            throw new InvalidOperationException(
                $"Outbox message {MessageId} has headers that do not read: {ex.Message}. Delete the row once you have checked why it was stored.", ex);
        }
    }
}
