namespace CommerceBus.Contracts.Envelope;

/// <summary>The header names under which the envelope travels on a transport that has its own headers.</summary>
public static class EnvelopeHeaders
{
    public const string CorrelationId = "CommerceBus-CorrelationId";
    public const string CausationId = "CommerceBus-CausationId";
    public const string SourceAdapter = "CommerceBus-SourceAdapter";
    public const string ReceivedAt = "CommerceBus-ReceivedAt";
    public const string MessageType = "CommerceBus-MessageType";

    /// <summary>
    /// The envelope header naming the authenticated client that sent the message (its API key's client id, its token's
    /// client claim, its certificate's client, its AMQP <c>user_id</c>): set by the hub, never taken from a caller's
    /// own headers, and kept in the journal (<c>ClientId</c>) of everything the message leads to.
    /// </summary>
    public const string ClientId = "X-CommerceBus-Client";

    /// <summary>Prefix of the client headers an adapter keeps from the wire (HTTP headers, AMQP headers, SOAP headers).</summary>
    public const string ClientHeaderPrefix = "CommerceBus-Header-";
}
