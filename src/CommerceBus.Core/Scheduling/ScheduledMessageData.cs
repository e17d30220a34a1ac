namespace CommerceBus.Core.Scheduling;

/// <summary>A message waiting in Hangfire: the serialized payload, where it goes and the envelope it is sent with.</summary>
public sealed class ScheduledMessageData
{
    public required string Destination { get; init; }

    /// <summary>The payload's message type URNs, most specific first (MassTransit's <c>urn:message:…</c>).</summary>
    public required string[] PayloadType { get; init; }

    public required string Body { get; init; }

    public Guid TokenId { get; init; }

    public Guid? MessageId { get; init; }

    /// <summary>
    /// MassTransit's correlation id of the message: the order's tracking id when it belongs to one. (The client's
    /// correlation id is the <c>CommerceBus-CorrelationId</c> header in <see cref="Headers"/>; kept under this name so
    /// jobs already stored still read.)
    /// </summary>
    public Guid? CorrelationId { get; init; }

    public Guid? ConversationId { get; init; }

    public Guid? InitiatorId { get; init; }

    public Dictionary<string, string> Headers { get; init; } = [];

    /// <summary>What the Hangfire dashboard shows for the job: the message type and where it goes.</summary>
    public override string ToString() => $"{PayloadType.FirstOrDefault()?.Split(':').LastOrDefault()} to {Destination}";
}
