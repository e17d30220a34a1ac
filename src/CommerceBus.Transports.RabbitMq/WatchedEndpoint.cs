using MassTransit;


namespace CommerceBus.Transports.RabbitMq;

/// <summary>One receive endpoint as <see cref="ReceiveEndpointWatch"/> last heard of it.</summary>
internal sealed class WatchedEndpoint(Uri inputAddress, IReceiveEndpoint endpoint)
{
    private readonly Lock _lock = new();
    private IReceiveEndpoint _endpoint = endpoint;
    private bool _isReady;
    private DateTimeOffset _since;

    public Uri InputAddress { get; } = inputAddress;

    /// <summary>The broker queue the endpoint consumes: the last segment of its address.</summary>
    public string Queue { get; } = Uri.UnescapeDataString(inputAddress.AbsolutePath.TrimEnd('/').Split('/')[^1]);

    /// <summary>The endpoint, whether MassTransit last reported it ready, and since when.</summary>
    public (IReceiveEndpoint Endpoint, bool IsReady, DateTimeOffset Since) State
    {
        get
        {
            lock (_lock)
            {
                return (_endpoint, _isReady, _since);
            }
        }
    }

    public void Set(IReceiveEndpoint endpoint, bool isReady, DateTimeOffset now)
    {
        lock (_lock)
        {
            _endpoint = endpoint;
            if (_isReady != isReady || _since == default)
            {
                _since = now;
            }

            _isReady = isReady;
        }
    }
}
