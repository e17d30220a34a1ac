namespace CommerceBus.Conformance.Outbound;

/// <summary>What a conformance endpoint does with a command; the command's order number says which (<see cref="ConformanceOrders"/>).</summary>
public enum EndpointBehaviour
{
    /// <summary>Applies the command once per idempotency key and answers with its success reply.</summary>
    Apply,

    /// <summary>Says no as the business would (declined, refused): an answer, not a failure.</summary>
    Refuse,

    /// <summary>Fails technically (a 503, a Receiver fault, an error record): nothing applied, worth retrying.</summary>
    Fail,

    /// <summary>Takes the request and never answers.</summary>
    Hang,
}
