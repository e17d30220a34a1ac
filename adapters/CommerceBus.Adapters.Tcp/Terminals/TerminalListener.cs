using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CommerceBus.Adapters.Tcp.Transport;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>
/// One configured listener: its listen sockets and accept loops, the connection limit, and a heartbeat that enforces the
/// connections' deadlines. Every connection is handed to the listener's <see cref="TerminalConnectionHandler"/>.
/// </summary>
internal sealed partial class TerminalListener(
    string name,
    TcpListenerOptions options,
    TerminalConnectionHandler handler,
    ILogger<TerminalListener> logger)
{
    private readonly List<Socket> _sockets = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly ConcurrentDictionary<long, (SocketConnection Connection, Task Running)> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _heartbeatStop = new();
    private readonly PeerFilter _peers = PeerFilter.From(options.AllowedPeers);
    private readonly Dictionary<IPAddress, int> _perPeer = [];
    private TlsServer? _tls;
    private Task _heartbeat = Task.CompletedTask;
    private long _nextId;
    private int _open;
    private long _refused;

    public string Name { get; } = name;

    public IReadOnlyList<IPEndPoint> EndPoints => [.. _sockets.Select(s => (IPEndPoint)s.LocalEndPoint!)];

    /// <summary>Connections open now (including those finishing their replies).</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Connections closed at once because the limit was reached.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refused);

    /// <summary>Binds the listen sockets; when this returns the port accepts connections.</summary>
    public void Start()
    {
        _tls = options.Tls.Enabled ? TlsServer.Load(Name, options.Tls) : null;
        ListenAddresses.TryParse(options.Address, out var addresses);
        var port = options.Port;
        foreach (var address in addresses!)
        {
            var socket = Bind(address, port, required: _sockets.Count == 0);
            if (socket is not null)
            {
                _sockets.Add(socket);
                port = ((IPEndPoint)socket.LocalEndPoint!).Port;  // localhost on port 0: both loopbacks on the same port
            }
        }

        foreach (var socket in _sockets)
        {
            _acceptLoops.Add(AcceptAsync(socket));
        }

        _heartbeat = HeartbeatAsync();
        LogStarted(logger, Name, string.Join(", ", EndPoints), options.Framing.ToString(), options.Codec.ToString());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }

        await Task.WhenAll(_acceptLoops);

        // Connections stop reading, answer what they have read, and close; past the host's stop deadline they are cut.
        var running = _connections.Values.Select(c => c.Running).ToList();
        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            foreach (var (connection, _) in _connections.Values)
            {
                connection.Abort("the hub is stopping");
            }

            await Task.WhenAll(running);
        }

        await _heartbeatStop.CancelAsync();
        await _heartbeat;
        LogStopped(logger, Name);
    }

    private Socket? Bind(IPAddress address, int port, bool required)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(512);
            return socket;
        }
        catch (SocketException ex) when (!required)
        {
            // The second loopback (IPv6) is a convenience; a machine without it still serves 127.0.0.1.
            socket.Dispose();
            LogOptionalAddressSkipped(logger, Name, address.ToString(), ex.Message);
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task AcceptAsync(Socket listenSocket)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listenSocket.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex)
            {
                // Out of file descriptors, say: back off briefly instead of spinning on the error.
                LogAcceptFailed(logger, Name, ex.SocketErrorCode.ToString());
                await Task.Delay(100, CancellationToken.None);
                continue;
            }

            var peer = client.RemoteEndPoint is IPEndPoint remote ? PeerFilter.Normal(remote.Address) : IPAddress.None;
            if (!_peers.Allows(peer))
            {
                RefusePeer(client, peer, "it is not in AllowedPeers");
                continue;
            }

            if (!TakePeerSlot(peer))
            {
                RefusePeer(client, peer, $"it has {options.MaxConnectionsPerPeer} connections open (MaxConnectionsPerPeer)");
                continue;
            }

            if (Interlocked.Increment(ref _open) > options.MaxConnections)
            {
                Interlocked.Decrement(ref _open);
                ReleasePeerSlot(peer);
                Refuse(client);
                continue;
            }

            var id = Interlocked.Increment(ref _nextId);
            var connection = new SocketConnection(client, options.InputBufferBytes + options.MaxRecordBytes + 2, options.OutputBufferBytes);
            _connections[id] = (connection, RunAsync(id, client, connection, peer));
        }
    }

    private async Task RunAsync(long id, Socket client, SocketConnection connection, IPAddress peerAddress)
    {
        await Task.Yield();  // the accept loop goes back to accepting at once
        var peer = connection.RemoteEndPoint?.ToString() ?? "?";
        LogAccepted(logger, Name, peer, OpenConnections);
        try
        {
            // The OS probes a silent peer, so a terminal that vanished without a FIN is noticed even before IdleTimeout.
            client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            if (_tls is null || await connection.SecureAsync(_tls, _stopping.Token))
            {
                connection.Start();
                await handler.OnConnectedAsync(connection, _stopping.Token);
            }
        }
        catch (Exception ex)
        {
            LogConnectionFailed(logger, ex, Name, peer);
            connection.Abort("the connection failed");
        }
        finally
        {
            connection.Timeouts.ArmWrite(options.WriteTimeout);  // the last replies, too, must be taken in time
            await connection.DisposeAsync();
            _connections.TryRemove(id, out _);
            Interlocked.Decrement(ref _open);
            ReleasePeerSlot(peerAddress);
            LogClosed(logger, Name, peer, connection.AbortReason ?? "closed");
        }
    }

    private void Refuse(Socket client)
    {
        Interlocked.Increment(ref _refused);
        LogRefused(logger, Name, client.RemoteEndPoint?.ToString(), options.MaxConnections);
        try
        {
            client.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }

        client.Dispose();
    }

    /// <summary>Counts a connection against its peer's cap; false when the peer is at <c>MaxConnectionsPerPeer</c>.</summary>
    private bool TakePeerSlot(IPAddress peer)
    {
        if (options.MaxConnectionsPerPeer <= 0)
        {
            return true;
        }

        lock (_perPeer)
        {
            var open = _perPeer.GetValueOrDefault(peer);
            if (open >= options.MaxConnectionsPerPeer)
            {
                return false;
            }

            _perPeer[peer] = open + 1;
            return true;
        }
    }

    private void ReleasePeerSlot(IPAddress peer)
    {
        if (options.MaxConnectionsPerPeer <= 0)
        {
            return;
        }

        lock (_perPeer)
        {
            // A peer with nothing open is forgotten, so the table holds only peers connected now.
            if (_perPeer.TryGetValue(peer, out var open) && open <= 1)
            {
                _perPeer.Remove(peer);
            }
            else if (open > 1)
            {
                _perPeer[peer] = open - 1;
            }
        }
    }

    private void RefusePeer(Socket client, IPAddress peer, string reason)
    {
        Interlocked.Increment(ref _refused);
        LogPeerRefused(logger, Name, peer.ToString(), reason);
        client.Dispose();
    }

    private async Task HeartbeatAsync()
    {
        var shortest = new[] { options.IdleTimeout, options.RecordTimeout, options.WriteTimeout }.Min();
        var interval = TimeSpan.FromMilliseconds(Math.Clamp(shortest.TotalMilliseconds / 4, 10, 1000));
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_heartbeatStop.Token))
            {
                var now = TimeoutControl.Now;
                foreach (var (connection, _) in _connections.Values)
                {
                    if (connection.Timeouts.Expired(now) is { } reason)
                    {
                        LogTimedOut(logger, Name, connection.RemoteEndPoint?.ToString(), reason);
                        connection.Abort(reason);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped after the last connection closed.
        }
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "TCP listener '{Listener}' listening on {EndPoints} ({Framing}, {Codec})")]
    private static partial void LogStarted(ILogger logger, string listener, string endPoints, string framing, string codec);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "TCP listener '{Listener}' stopped")]
    private static partial void LogStopped(ILogger logger, string listener);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "TCP listener '{Listener}': connection from {Peer} ({Open} open)")]
    private static partial void LogAccepted(ILogger logger, string listener, string peer, int open);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "TCP listener '{Listener}': connection from {Peer} ended: {Reason}")]
    private static partial void LogClosed(ILogger logger, string listener, string peer, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "TCP listener '{Listener}': connection from {Peer} refused, {MaxConnections} connections are open")]
    private static partial void LogRefused(ILogger logger, string listener, string? peer, int maxConnections);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "TCP listener '{Listener}': closing the connection from {Peer}: {Reason}")]
    private static partial void LogTimedOut(ILogger logger, string listener, string? peer, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "TCP listener '{Listener}': accept failed ({Error})")]
    private static partial void LogAcceptFailed(ILogger logger, string listener, string error);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "TCP listener '{Listener}': the connection from {Peer} failed")]
    private static partial void LogConnectionFailed(ILogger logger, Exception exception, string listener, string peer);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "TCP listener '{Listener}': connection from {Peer} refused: {Reason}")]
    private static partial void LogPeerRefused(ILogger logger, string listener, string peer, string reason);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Debug, Message = "TCP listener '{Listener}': not listening on {Address}: {Error}")]
    private static partial void LogOptionalAddressSkipped(ILogger logger, string listener, string address, string error);
}
