namespace CommerceBus.Core.Journal;

/// <summary>
/// A client-given message id the hub accepted, keyed by that id: committed together with what the message did, so a
/// second delivery of the same id, even one racing the first, cannot be accepted again.
/// </summary>
public sealed class InboxEntry
{
    public Guid MessageId { get; set; }
    public required string MessageType { get; set; }
    public string? OrderNumber { get; set; }
    public Guid? TrackingId { get; set; }
    public DateTime AcceptedAt { get; set; }
}
