using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// A TCP endpoint that accepts connections and never reads from them, with a small receive buffer: once the kernel's
/// buffers are full, whatever a client writes to it waits (a shipping system that hung after accepting).
/// </summary>
public sealed class SilentEndpoint : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<Socket> _accepted = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SilentEndpoint()
    {
        // Accepted sockets inherit it; set before listening so the window the client sees is small from the start.
        _listener.Server.ReceiveBufferSize = 4096;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => _accepted.Count;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var socket in _accepted)
        {
            socket.Dispose();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                _accepted.Add(await _listener.AcceptSocketAsync(_stop.Token));
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }
}
