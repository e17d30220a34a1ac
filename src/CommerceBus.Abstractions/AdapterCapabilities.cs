namespace CommerceBus.Abstractions;

/// <summary>What an adapter or connector can do, declared up front so the host can check its configuration at start-up.</summary>
public sealed record AdapterCapabilities
{
    public AdapterDirection Direction { get; init; }

    /// <summary>The wire answers each request (HTTP, SOAP, TCP records) rather than fire-and-forget.</summary>
    public bool RequestReply { get; init; }

    /// <summary>Acknowledgement is tied to the hub's durable acceptance (broker ack after commit, say).</summary>
    public bool Transactional { get; init; }

    /// <summary>The adapter can carry a cancel command.</summary>
    public bool SupportsCancel { get; init; } = true;

    /// <summary>The adapter can answer a status query.</summary>
    public bool SupportsStatusQuery { get; init; } = true;

    /// <summary>The largest message the adapter accepts, in bytes.</summary>
    public int MaxMessageBytes { get; init; } = 1024 * 1024;
}

/// <summary>Which way an adapter carries messages.</summary>
[Flags]
public enum AdapterDirection
{
    None = 0,
    Inbound = 1,
    Outbound = 2,
}
