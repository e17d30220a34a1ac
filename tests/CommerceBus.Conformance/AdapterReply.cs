namespace CommerceBus.Conformance;

/// <summary>What an adapter answered on its wire, reduced to what every protocol can say.</summary>
/// <param name="Accepted">The adapter said yes (202, ACK, Accepted=true, broker ack).</param>
/// <param name="TrackingId">The tracking id the answer carried, if the protocol carries one.</param>
/// <param name="Refusal">Why the adapter said no, as the suite classifies it.</param>
/// <param name="Message">The adapter's words: fault reason, problem detail, NAK reason, dead-letter reason.</param>
public sealed record AdapterReply(bool Accepted, Guid? TrackingId, Refusal Refusal, string Message)
{
    public static AdapterReply Yes(Guid? trackingId, string message = "") => new(true, trackingId, Refusal.None, message);

    public static AdapterReply No(Refusal refusal, string message) => new(false, null, refusal, message);
}

/// <summary>The kinds of "no" the suite tells apart.</summary>
public enum Refusal
{
    None,

    /// <summary>A field breaks a rule, or the request could not be read.</summary>
    Invalid,

    /// <summary>The order number is used by a different order, or the order can no longer be cancelled.</summary>
    Conflict,

    /// <summary>The order is not known.</summary>
    NotFound,

    /// <summary>The hub could not take the request now.</summary>
    Unavailable,
}
