namespace CommerceBus.Adapters.Tcp.Framing;

/// <summary>Makes the framer a connection's configuration asks for.</summary>
internal static class RecordFramers
{
    public static IRecordFramer Create(TcpFraming framing, int maxRecordBytes, int lengthPrefixBytes) => framing switch
    {
        TcpFraming.Lf => new LfFramer(maxRecordBytes),
        TcpFraming.LengthPrefixed => new LengthPrefixedFramer(maxRecordBytes, lengthPrefixBytes),
        _ => throw new ArgumentOutOfRangeException(nameof(framing), framing, "unknown framing"),
    };
}
