using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// A TCP endpoint whose answers the test scripts: for each LF-terminated record it gets, <see cref="Answer"/> returns
/// the lines to send back (none to stay silent), or null to hang up.
/// </summary>
public sealed class ScriptedEndpoint : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private int _connections;

    public ScriptedEndpoint()
    {
        _listener.Start();
        _running.Add(AcceptAsync());
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Every record received, in order, with the number of the connection it came on (1-based).</summary>
    public ConcurrentQueue<(int Connection, string Record)> Received { get; } = new();

    public Func<string, int, IEnumerable<string>?> Answer { get; set; } = (_, _) => [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await Task.WhenAll(_running).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var number = Interlocked.Increment(ref _connections);
            lock (_running)
            {
                _running.Add(ServeAsync(client, number));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, int number)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII);
        try
        {
            while (await reader.ReadLineAsync(_stop.Token) is { } record)
            {
                Received.Enqueue((number, record));
                var lines = Answer(record, number);
                if (lines is null)
                {
                    return;
                }

                foreach (var line in lines)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\n"), _stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The test is over, or the connector hung up.
        }
    }
}
