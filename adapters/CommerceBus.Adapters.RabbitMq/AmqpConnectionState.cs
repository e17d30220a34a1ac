using CommerceBus.Abstractions.Inbound;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Adapters.RabbitMq;

/// <summary>
/// The adapter's connection to the broker as the adapter last saw it change: connecting (not yet connected since the
/// start), connected (consuming), or down (lost; RabbitMQ.Client's recovery reconnects), since when, and the last error.
/// The adapter's attempts and the connection's events set it; the adapter shows it (<see cref="IConnectedAdapter"/>).
/// </summary>
internal sealed partial class AmqpConnectionState
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private ConnectionStatus _status;

    public AmqpConnectionState(IOptions<RabbitMqAdapterOptions> options, TimeProvider clock, ILogger<AmqpConnectionState> logger)
    {
        _clock = clock;
        _logger = logger;
        _status = new ConnectionStatus(AddressOf(options.Value.ConnectionString), ConnectionState.Connecting, clock.GetUtcNow(), null);
    }

    public ConnectionStatus Status
    {
        get
        {
            lock (_lock)
            {
                return _status;
            }
        }
    }

    /// <summary>The adapter consumes from its queue: the first connect, or a new attempt after a failed one.</summary>
    public void Consuming() => Change(ConnectionState.Connected, error: null);

    /// <summary>An attempt to connect (or to recover the connection) failed; the state stays, the error is kept.</summary>
    public void AttemptFailed(string error)
    {
        lock (_lock)
        {
            // A connection that was up and fails while setting up again is down from now.
            var state = _status.State == ConnectionState.Connected ? ConnectionState.Down : _status.State;
            _status = _status with { State = state, Since = state == _status.State ? _status.Since : _clock.GetUtcNow(), LastError = error };
        }
    }

    /// <summary>The broker closed the connection or the network dropped it.</summary>
    public void Lost(string reason)
    {
        Change(ConnectionState.Down, reason);
        LogLost(_logger, Status.Address, reason);
    }

    /// <summary>RabbitMQ.Client re-opened the connection, its channels and the consumer.</summary>
    public void Recovered()
    {
        Change(ConnectionState.Connected, error: null);
        LogRecovered(_logger, Status.Address);
    }

    /// <summary>The broker's URI without its user and password.</summary>
    public static string AddressOf(string? connectionString) =>
        Uri.TryCreate(connectionString, UriKind.Absolute, out var uri)
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : "—";

    private void Change(ConnectionState state, string? error)
    {
        lock (_lock)
        {
            var since = _status.State == state ? _status.Since : _clock.GetUtcNow();

            // The last error stays when the connection comes back: it says what happened last.
            _status = _status with { State = state, Since = since, LastError = error ?? _status.LastError };
        }
    }

    [LoggerMessage(EventId = 9012, Level = LogLevel.Warning, Message = "The AMQP intake lost its connection to {Broker} ({Reason}); RabbitMQ.Client reconnects")]
    private static partial void LogLost(ILogger logger, string broker, string reason);

    [LoggerMessage(EventId = 9013, Level = LogLevel.Information, Message = "The AMQP intake is connected to {Broker} again")]
    private static partial void LogRecovered(ILogger logger, string broker);
}
