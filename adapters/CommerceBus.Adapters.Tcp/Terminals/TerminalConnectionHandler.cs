using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Adapters.Tcp.Framing;
using CommerceBus.Adapters.Tcp.Transport;
using CommerceBus.Contracts.Envelope;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Adapters.Tcp.Terminals;

/// <summary>
/// The terminal protocol on one connection, after Kestrel's ConnectionHandler: a reader cuts and decodes records while a
/// responder answers them one by one, in request order, so a terminal may pipeline. The two are joined by a bounded
/// queue: when <c>MaxPipelinedRequests</c> records wait, the reader stops, and the socket's receive window closes.
/// </summary>
/// <remarks>
/// Records of one connection are answered one at a time, not concurrently: a terminal that pipelines an ORD and then
/// an STA for it must see the order, which it would not if the STA could overtake the ORD.
/// </remarks>
internal sealed partial class TerminalConnectionHandler(
    string listener,
    TcpListenerOptions options,
    ITerminalCodec codec,
    TerminalResponder responder,
    PeerRateLimiter? limiter,
    ICertificateClients? certificates,
    ILogger<TerminalConnectionHandler> logger)
{
    public async Task OnConnectedAsync(SocketConnection connection, CancellationToken stopping)
    {
        var framer = RecordFramers.Create(options.Framing, options.MaxRecordBytes, options.LengthPrefixBytes);
        var headers = new Dictionary<string, string>
        {
            [TerminalResponder.ListenerHeader] = listener,
            [TerminalResponder.PeerHeader] = connection.RemoteEndPoint?.ToString() ?? "",
        };

        // The client its TLS certificate is pinned to (CommerceBus:Security:Certificates, as on HTTPS) is the sender of
        // every record on the connection, in the envelope and the journal; plain TCP names nobody.
        if (connection.ClientCertificate is { } certificate && certificates?.ClientOf(certificate) is { } client)
        {
            headers[EnvelopeHeaders.ClientId] = client;
            LogClient(logger, listener, connection.RemoteEndPoint?.ToString(), client);
        }

        var requests = Channel.CreateBounded<TerminalRequest>(new BoundedChannelOptions(options.MaxPipelinedRequests)
        {
            SingleReader = true,
            SingleWriter = true,
        });

        using var reading = CancellationTokenSource.CreateLinkedTokenSource(stopping, connection.Aborted);
        var reader = ReadAsync(connection, framer, requests.Writer, reading.Token);
        await AnswerAsync(connection, framer, requests.Reader, headers);

        // Normally the reader has ended already (end of input, shutdown); if the peer went away first, stop it too.
        await reading.CancelAsync();
        await reader;
    }

    private async Task ReadAsync(SocketConnection connection, IRecordFramer framer, ChannelWriter<TerminalRequest> requests, CancellationToken cancellationToken)
    {
        var input = connection.Input;
        long recordStarted = 0;
        try
        {
            while (true)
            {
                ArmReadDeadline(connection.Timeouts, recordStarted);
                ReadResult result;
                try
                {
                    result = await input.ReadAsync(cancellationToken);
                }
                finally
                {
                    connection.Timeouts.DisarmRead();
                }

                var buffer = result.Buffer;
                try
                {
                    var answered = false;
                    while (framer.TryRead(ref buffer, out var record) is var status && status != FrameStatus.NeedMore)
                    {
                        var request = status == FrameStatus.Record
                            ? codec.Decode(record)
                            : new RejectedRecord(null, NakCodes.TooLong, $"record: longer than {options.MaxRecordBytes} characters; skipped");
                        await requests.WriteAsync(request, cancellationToken);  // waits while the pipeline is full
                        answered = true;
                    }

                    // A slow sender gets RecordTimeout from the first byte of a record, not from its latest byte.
                    recordStarted = !framer.InRecord(buffer) ? 0 : answered || recordStarted == 0 ? TimeoutControl.Now : recordStarted;
                    if (result.IsCompleted)
                    {
                        if (!buffer.IsEmpty)
                        {
                            LogIncompleteRecord(logger, listener, buffer.Length, connection.RemoteEndPoint?.ToString());
                        }

                        break;
                    }
                }
                finally
                {
                    input.AdvanceTo(buffer.Start, buffer.End);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutdown or an aborted connection: records already read are still answered.
        }
        finally
        {
            requests.TryComplete();
            await input.CompleteAsync();
        }
    }

    private async Task AnswerAsync(SocketConnection connection, IRecordFramer framer, ChannelReader<TerminalRequest> requests, IReadOnlyDictionary<string, string> headers)
    {
        var scratch = new ArrayBufferWriter<byte>(256);
        var output = connection.Output;
        try
        {
            await foreach (var request in requests.ReadAllAsync(connection.Aborted))
            {
                var reply = Limited(connection, request) ?? await responder.AnswerAsync(request, headers, connection.Aborted);
                scratch.ResetWrittenCount();
                codec.Encode(reply, scratch);
                framer.Write(scratch.WrittenSpan, output);

                connection.Timeouts.ArmWrite(options.WriteTimeout);
                FlushResult flush;
                try
                {
                    flush = await output.FlushAsync(connection.Aborted);  // waits while the output pipe is full
                }
                finally
                {
                    connection.Timeouts.DisarmWrite();
                }

                if (flush.IsCompleted)
                {
                    return;  // the socket is gone: nobody is left to answer
                }
            }
        }
        catch (OperationCanceledException) when (connection.Aborted.IsCancellationRequested)
        {
            // Aborted by a deadline or by the peer: the listener logs why.
        }
    }

    /// <summary>The E999 of a record over the peer's rate limit; null when there is no limit or it is not reached.</summary>
    private NakReply? Limited(SocketConnection connection, TerminalRequest request)
    {
        if (limiter is null || connection.RemoteEndPoint is not System.Net.IPEndPoint { Address: var peer }
            || limiter.Refusal(peer) is not { } reason)
        {
            return null;
        }

        LogRateLimited(logger, listener, peer.ToString());
        return new NakReply(TerminalResponder.OrderNumberOf(request), NakCodes.Unavailable, reason);
    }

    private void ArmReadDeadline(TimeoutControl timeouts, long recordStarted)
    {
        if (recordStarted == 0)
        {
            timeouts.ArmRead(TimeoutControl.Now + (long)options.IdleTimeout.TotalMilliseconds, "the connection was idle too long");
        }
        else
        {
            timeouts.ArmRead(recordStarted + (long)options.RecordTimeout.TotalMilliseconds, "a record was not completed in time");
        }
    }

    [LoggerMessage(EventId = 8713, Level = LogLevel.Debug, Message = "TCP listener '{Listener}': the connection from {Peer} is client '{Client}' (its certificate)")]
    private static partial void LogClient(ILogger logger, string listener, string? peer, string client);

    [LoggerMessage(EventId = 8712, Level = LogLevel.Information, Message = "TCP listener '{Listener}': rate limit reached for peer {Peer}; answered E999")]
    private static partial void LogRateLimited(ILogger logger, string listener, string peer);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Debug, Message = "TCP listener '{Listener}': {Bytes} bytes without a record end were left when {Peer} stopped sending; dropped")]
    private static partial void LogIncompleteRecord(ILogger logger, string listener, long bytes, string? peer);
}
