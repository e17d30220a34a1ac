using System.Collections.Concurrent;
using System.Buffers;
using System.Net.Sockets;
using CommerceBus.Adapters.Tcp.Framing;
using CommerceBus.Adapters.Tcp.Layouts;
using CommerceBus.Adapters.Tcp.Transport;
using Microsoft.Extensions.Logging;

namespace CommerceBus.Adapters.Tcp.Outbound;

/// <summary>
/// One connection to a TCP endpoint, shared by concurrent deliveries: requests are written under a lock, and a reader
/// loop hands each reply to the request with the same reference (or, for layouts without one, to the oldest request).
/// </summary>
internal sealed partial class ClientConnection : IAsyncDisposable
{
    private readonly SocketConnection _connection;
    private readonly IRecordFramer _framer;
    private readonly LayoutSet _layouts;
    private readonly string _endpoint;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<DecodedRecord>> _pending = new();
    private readonly ConcurrentQueue<long> _sent = new();
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly bool _matchByReference;
    private readonly Task _reading;

    private ClientConnection(Socket socket, TcpConnectorSettings settings, LayoutSet layouts, bool matchByReference, string endpoint, ILogger logger)
    {
        _matchByReference = matchByReference;
        _connection = new SocketConnection(socket, 64 * 1024 + settings.MaxRecordBytes, 64 * 1024);
        _framer = RecordFramers.Create(settings.Framing, settings.MaxRecordBytes, settings.LengthPrefixBytes);
        _layouts = layouts;
        _endpoint = endpoint;
        _logger = logger;
        _connection.Start();
        _reading = ReadRepliesAsync();
    }

    /// <summary>Whether the connection can still carry requests.</summary>
    public bool IsOpen => !_reading.IsCompleted;

    /// <summary>Requests sent and not yet answered.</summary>
    public int Pending => _pending.Count;

    public static async Task<ClientConnection> ConnectAsync(TcpConnectorSettings settings, LayoutSet layouts, bool matchByReference, string endpoint, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(settings.Host, settings.Port, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"Endpoint {endpoint}: connecting to {settings.Host}:{settings.Port} took longer than {settings.ConnectTimeout.TotalSeconds:0}s (ConnectTimeoutSeconds)");
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new ClientConnection(socket, settings, layouts, matchByReference, endpoint, logger);
    }

    /// <summary>
    /// Sends a record and waits for its reply; throws <see cref="TimeoutException"/> (the endpoint did not take the
    /// record within <paramref name="writeTimeout"/>, or did not answer within <paramref name="timeout"/>) or
    /// <see cref="ConnectionLostException"/>.
    /// </summary>
    public async Task<DecodedRecord> SendAsync(long reference, byte[] record, TimeSpan timeout, TimeSpan writeTimeout, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<DecodedRecord>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[reference] = reply;
        try
        {
            await WriteAsync(reference, record, writeTimeout, cancellationToken);
            if (!IsOpen)
            {
                reply.TrySetException(Lost());
            }

            return await WaitForReplyAsync(reply, reference, timeout, cancellationToken);
        }
        finally
        {
            _pending.TryRemove(reference, out _);
        }
    }

    /// <summary>
    /// Writes the record, waiting for the lock and for the socket to take it for at most <paramref name="writeTimeout"/>:
    /// an endpoint that accepted the connection and stopped reading would otherwise hold this delivery, the ones queued
    /// behind it, and the dispatch consumer that runs them, for as long as it stays that way.
    /// </summary>
    private async Task WriteAsync(long reference, byte[] record, TimeSpan writeTimeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(writeTimeout);
        var writing = false;
        try
        {
            await _writing.WaitAsync(deadline.Token);
            try
            {
                if (!_matchByReference)
                {
                    _sent.Enqueue(reference);
                }

                writing = true;
                _framer.Write(record, _connection.Output);
                if ((await _connection.Output.FlushAsync(deadline.Token)).IsCompleted)
                {
                    throw Lost();
                }
            }
            finally
            {
                _writing.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (writing)
            {
                // Part of the record may be on the wire: the next one would be read as its continuation.
                _connection.Abort("a request could not be written in time");
            }

            LogWriteTimedOut(_logger, _endpoint, writeTimeout.TotalSeconds);
            throw new TimeoutException(
                $"Endpoint {_endpoint} did not take the request within {writeTimeout.TotalSeconds:0}s (WriteTimeoutSeconds): it is not reading what it is sent");
        }
    }

    private async Task<DecodedRecord> WaitForReplyAsync(TaskCompletionSource<DecodedRecord> reply, long reference, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await reply.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException) when (!_matchByReference)
        {
            // Replies matched by order: a missing one would pair every later reply with the wrong request.
            _connection.Abort("a reply did not come in time");
            throw new TimeoutException($"Endpoint {_endpoint} did not answer within {timeout.TotalSeconds:0}s");
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Endpoint {_endpoint} did not answer reference {reference} within {timeout.TotalSeconds:0}s");
        }
    }

    /// <summary>Closes at once: the connector is stopping, and a delivery still waiting fails (the hub retries it later).</summary>
    public async ValueTask DisposeAsync()
    {
        _connection.Abort("the connector is stopping");
        await _reading;
    }

    private async Task ReadRepliesAsync()
    {
        var input = _connection.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(_connection.Aborted);
                var buffer = result.Buffer;
                while (_framer.TryRead(ref buffer, out var record) is var status && status != FrameStatus.NeedMore)
                {
                    if (status == FrameStatus.Record)
                    {
                        Dispatch(record.ToArray());
                    }
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Aborted: the pending requests fail below.
        }
        finally
        {
            await input.CompleteAsync();
            _connection.Abort("closed");
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(Lost());
            }
        }
    }

    private void Dispatch(byte[] record)
    {
        if (!RecordReader.TryRead(_layouts, record, null, out var reply, out var fault))
        {
            LogUnreadableReply(_logger, _endpoint, fault.Reason);
            return;
        }

        // The reference says which request this answers; without one, it is the oldest request still waiting.
        var reference = OutboundRecords.ReferenceOf(reply);
        while (reference is null && _sent.TryDequeue(out var oldest))
        {
            reference = _pending.ContainsKey(oldest) ? oldest : null;
        }

        if (reference is { } r && _pending.TryGetValue(r, out var waiting))
        {
            waiting.TrySetResult(reply);
        }
        else
        {
            LogUnmatchedReply(_logger, _endpoint, reply.Layout.Type, reference);
        }
    }

    private ConnectionLostException Lost() =>
        new($"Endpoint {_endpoint}: the connection closed before the reply came");

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Endpoint {Endpoint}: a reply could not be read and was dropped: {Reason}")]
    private static partial void LogUnreadableReply(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Endpoint {Endpoint}: a {Type} reply with reference {Reference} matches no waiting request (it came after its timeout); dropped")]
    private static partial void LogUnmatchedReply(ILogger logger, string endpoint, string type, long? reference);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Endpoint {Endpoint}: a request could not be written within {Seconds} s (the endpoint is not reading); the delivery fails and is retried")]
    private static partial void LogWriteTimedOut(ILogger logger, string endpoint, double seconds);
}
