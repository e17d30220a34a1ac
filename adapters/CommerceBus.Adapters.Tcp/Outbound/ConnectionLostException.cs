namespace CommerceBus.Adapters.Tcp.Outbound;

/// <summary>The connection to a TCP endpoint closed before the reply came; the request may or may not have been applied.</summary>
public sealed class ConnectionLostException : IOException
{
    public ConnectionLostException()
    {
    }

    public ConnectionLostException(string message)
        : base(message)
    {
    }

    public ConnectionLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
