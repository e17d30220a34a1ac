namespace CommerceBus.Adapters.Tcp.Framing;

/// <summary>How records are delimited on a connection.</summary>
public enum TcpFraming
{
    /// <summary>Each record ends with LF; a CR right before the LF is ignored.</summary>
    Lf,

    /// <summary>Each record is preceded by its length, a big-endian unsigned integer of <c>LengthPrefixBytes</c> bytes.</summary>
    LengthPrefixed,
}
