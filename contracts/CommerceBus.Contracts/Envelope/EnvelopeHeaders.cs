namespace CommerceBus.Contracts.Envelope;

/// <summary>The header names under which the envelope travels on a transport that has its own headers.</summary>
public static class EnvelopeHeaders
{
    public const string CorrelationId = "CommerceBus-CorrelationId";
    public const string CausationId = "CommerceBus-CausationId";
    public const string SourceAdapter = "CommerceBus-SourceAdapter";
    public const string ReceivedAt = "CommerceBus-ReceivedAt";
    public const string MessageType = "CommerceBus-MessageType";

    /// <summary>Prefix of the client headers an adapter keeps from the wire (HTTP headers, AMQP headers, SOAP headers).</summary>
    public const string ClientHeaderPrefix = "CommerceBus-Header-";
}
