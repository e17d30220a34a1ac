using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// A store terminal as the contract describes it: a TCP connection that writes records and reads LF-terminated
/// replies. Every wait has a deadline, so a test fails with a message instead of hanging.
/// </summary>
public sealed class TerminalClient : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly MemoryStream _pending = new();

    private TerminalClient(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public static async Task<TerminalClient> ConnectAsync(IPEndPoint endPoint, Action<Socket>? configure = null)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        configure?.Invoke(socket);
        using var deadline = new CancellationTokenSource(Deadline);
        await socket.ConnectAsync(endPoint, deadline.Token);
        return new TerminalClient(socket);
    }

    /// <summary>Sends records, each followed by LF.</summary>
    public Task SendRecordsAsync(params string[] records) =>
        SendAsync(Encoding.ASCII.GetBytes(string.Concat(records.Select(r => r + "\n"))));

    public async Task SendAsync(byte[] bytes)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        await Socket.SendAsync(bytes, SocketFlags.None, deadline.Token);
    }

    /// <summary>Sends one record and reads its reply.</summary>
    public async Task<string> AskAsync(string record)
    {
        await SendRecordsAsync(record);
        return await ReadReplyAsync();
    }

    /// <summary>The next reply record, without its LF; fails if none comes before the deadline or the connection ends.</summary>
    public async Task<string> ReadReplyAsync() =>
        await TryReadReplyAsync() ?? throw new IOException("The connection ended before a reply came.");

    /// <summary>The next reply record, or null when the hub closed the connection first.</summary>
    public async Task<string?> TryReadReplyAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var data = _pending.GetBuffer().AsSpan(0, (int)_pending.Length);
            var lf = data.IndexOf((byte)'\n');
            if (lf >= 0)
            {
                var line = Encoding.ASCII.GetString(data[..lf]);
                var rest = data[(lf + 1)..].ToArray();
                _pending.SetLength(0);
                _pending.Write(rest);
                return line;
            }

            int read;
            try
            {
                read = await Socket.ReceiveAsync(_buffer, SocketFlags.None, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No reply within {Deadline.TotalSeconds:0}s.");
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
            {
                return null;
            }

            if (read == 0)
            {
                return null;
            }

            _pending.Write(_buffer, 0, read);
        }
    }

    /// <summary>Reads until the hub closes the connection (FIN or reset); returns the replies read on the way.</summary>
    public async Task<List<string>> ReadUntilClosedAsync()
    {
        var replies = new List<string>();
        while (await TryReadReplyAsync() is { } reply)
        {
            replies.Add(reply);
        }

        return replies;
    }

    public void ShutdownSend() => Socket.Shutdown(SocketShutdown.Send);

    public ValueTask DisposeAsync()
    {
        Socket.Dispose();
        _pending.Dispose();
        return ValueTask.CompletedTask;
    }
}
