namespace CommerceBus.Adapters.Tcp.Outbound;

/// <summary>
/// A technical failure of a TCP endpoint: it answered an error record, or a reply could not be read. The hub retries
/// the delivery, which is safe because the endpoint applies a command once per order.
/// </summary>
public sealed class TcpEndpointException : Exception
{
    public TcpEndpointException()
    {
    }

    public TcpEndpointException(string message)
        : base(message)
    {
    }

    public TcpEndpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
