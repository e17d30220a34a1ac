using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace CommerceBus.Adapters.Tcp.Transport;

/// <summary>
/// One TCP socket as a pair of pipes, after Kestrel's socket transport: received bytes are written to <see cref="Input"/>,
/// what the protocol writes to <see cref="Output"/> is sent. Both pipes are bounded, so a peer that sends faster than
/// we answer, or never reads our answers, stops us reading instead of growing our memory.
/// </summary>
internal sealed class SocketConnection : IAsyncDisposable
{
    private const int ReceiveChunk = 4096;

    private readonly Socket _socket;
    private readonly Pipe _input;
    private readonly Pipe _output;
    // Never disposed: its token is handed out and read after the connection has ended, and it holds no timer or handle.
    private readonly CancellationTokenSource _aborted = new();
    private SslStream? _tls;
    private Task _receiving = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;

    public SocketConnection(Socket socket, long inputBufferBytes, long outputBufferBytes)
    {
        _socket = socket;
        _socket.NoDelay = true;
        RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint;

        // Inline schedulers: the loops do their own hops, and back-pressure thresholds are what bounds each pipe.
        _input = new Pipe(new PipeOptions(pauseWriterThreshold: inputBufferBytes, resumeWriterThreshold: inputBufferBytes / 2, useSynchronizationContext: false));
        _output = new Pipe(new PipeOptions(pauseWriterThreshold: outputBufferBytes, resumeWriterThreshold: outputBufferBytes / 2, useSynchronizationContext: false));
    }

    public IPEndPoint? RemoteEndPoint { get; }

    public PipeReader Input => _input.Reader;

    public PipeWriter Output => _output.Writer;

    public TimeoutControl Timeouts { get; } = new();

    /// <summary>Cancelled when the connection is aborted: by a timeout, a reset by the peer, or shutdown.</summary>
    public CancellationToken Aborted => _aborted.Token;

    /// <summary>Why the connection was aborted, for the log.</summary>
    public string? AbortReason { get; private set; }

    /// <summary>The certificate the peer presented in the TLS handshake, if any.</summary>
    public X509Certificate? ClientCertificate => _tls?.RemoteCertificate;

    /// <summary>
    /// Runs the TLS handshake as the server before <see cref="Start"/>; from then on every byte goes through TLS.
    /// False when the handshake fails or takes longer than the listener allows (the caller closes the connection).
    /// </summary>
    public async Task<bool> SecureAsync(TlsServer tls, CancellationToken stopping)
    {
        _tls = new SslStream(new NetworkStream(_socket, ownsSocket: false), leaveInnerStreamOpen: false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping, _aborted.Token);
        deadline.CancelAfter(tls.HandshakeTimeout);
        try
        {
            await _tls.AuthenticateAsServerAsync(tls.Authentication, deadline.Token);
            return true;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or SocketException)
        {
            Abort(ex is OperationCanceledException ? "the TLS handshake took too long" : "the TLS handshake failed: " + ex.Message);
            return false;
        }
    }

    public void Start()
    {
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    /// <summary>Ends the connection now: pending reads and writes fail, the socket closes.</summary>
    public void Abort(string reason)
    {
        lock (_aborted)
        {
            if (_aborted.IsCancellationRequested)
            {
                return;
            }

            AbortReason = reason;
            _aborted.Cancel();
        }

        _socket.Dispose();
    }

    /// <summary>
    /// Closes gracefully: waits until what was written to <see cref="Output"/> is sent (the heartbeat's write deadline
    /// bounds that), sends FIN, then closes the socket.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Output.CompleteAsync();
        await _sending;
        Abort("closed");
        await _receiving;
        if (_tls is not null)
        {
            await _tls.DisposeAsync();
        }
    }

    private async Task ReceiveAsync()
    {
        var writer = _input.Writer;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(ReceiveChunk);
                var received = _tls is null
                    ? await _socket.ReceiveAsync(memory, SocketFlags.None, _aborted.Token)
                    : await _tls.ReadAsync(memory, _aborted.Token);
                if (received == 0)
                {
                    break;  // FIN: the peer has finished sending; it may still read our replies
                }

                writer.Advance(received);
                var flush = await writer.FlushAsync(_aborted.Token);  // waits while the input pipe is full
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // A reset or an abort ends the input like a FIN does; the protocol side sees the end of the stream.
        }
        finally
        {
            await writer.CompleteAsync();
        }
    }

    private async Task SendAsync()
    {
        var reader = _output.Reader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_aborted.Token);
                foreach (var segment in result.Buffer)
                {
                    if (_tls is not null)
                    {
                        await _tls.WriteAsync(segment, _aborted.Token);
                        continue;
                    }

                    for (var sent = 0; sent < segment.Length;)
                    {
                        sent += await _socket.SendAsync(segment[sent..], SocketFlags.None, _aborted.Token);
                    }
                }

                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    if (_tls is not null)
                    {
                        await _tls.ShutdownAsync();  // close_notify, so the peer can tell the end from a cut
                    }

                    _socket.Shutdown(SocketShutdown.Send);
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // The peer is gone: nothing more can be answered, so the whole connection ends.
            Abort("the peer closed the connection");
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }
}
