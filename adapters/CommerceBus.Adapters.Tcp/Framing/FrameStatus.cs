namespace CommerceBus.Adapters.Tcp.Framing;

/// <summary>What a framer found at the start of the buffer.</summary>
internal enum FrameStatus
{
    /// <summary>No complete record yet: read more bytes.</summary>
    NeedMore,

    /// <summary>A complete record.</summary>
    Record,

    /// <summary>A record longer than the limit; the framer skips the rest of it, and the connection stays usable.</summary>
    TooLong,
}
