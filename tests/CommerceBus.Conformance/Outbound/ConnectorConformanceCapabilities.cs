namespace CommerceBus.Conformance.Outbound;

/// <summary>What a connector and its conformance endpoint can show; the suite skips the rest.</summary>
public sealed record ConnectorConformanceCapabilities
{
    /// <summary>The endpoint answers in line (HTTP, SOAP, TCP records); otherwise a delivery is a hand-over (the bus).</summary>
    public bool RequestReply { get; init; }

    /// <summary>The endpoint can say no as the business would, which the connector turns into a reply.</summary>
    public bool Refuses { get; init; }

    /// <summary>The endpoint can fail technically, which the connector turns into an exception.</summary>
    public bool FailsTechnically { get; init; }

    /// <summary>The endpoint can take a request and never answer, which the connector's timeout bounds.</summary>
    public bool Hangs { get; init; }
}
