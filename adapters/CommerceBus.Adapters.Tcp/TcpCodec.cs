namespace CommerceBus.Adapters.Tcp;

/// <summary>How a listener reads its records and writes its replies.</summary>
public enum TcpCodec
{
    /// <summary>Fixed-width ASCII records, read and written by the listener's record layout set.</summary>
    FixedWidth,

    /// <summary>One JSON object per record: <c>{"type":"ORD", ...the REST order body...}</c>; replies are JSON too.</summary>
    JsonLines,
}
