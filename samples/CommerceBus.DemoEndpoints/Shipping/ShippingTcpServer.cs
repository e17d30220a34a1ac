using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.DemoEndpoints.Shipping;

/// <summary>
/// The legacy shipping system as a real TCP server beside the hub: LF-framed <see cref="ShippingRecords"/>, one reply per
/// request in order, business rules from <see cref="ShippingDesk"/>. The hub reaches it through its <c>tcp</c> connector.
/// </summary>
public sealed partial class ShippingTcpServer(ShippingDesk desk, IOptions<ShippingServerOptions> options, ILogger<ShippingTcpServer> logger) : IHostedService
{
    private const int MaxRecord = 4096;

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;

    /// <summary>Where the server listens once started.</summary>
    public IPEndPoint? EndPoint => _listener?.LocalEndPoint as IPEndPoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Task.CompletedTask;
        }

        var address = IPAddress.Parse(settings.Address);
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(address, settings.Port));
        _listener.Listen(64);
        _accepting = AcceptAsync(_listener);
        LogListening(logger, EndPoint!.ToString());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        _listener?.Dispose();
        await _accepting;
        Task[] running;
        lock (_connections)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task AcceptAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var served = ServeAsync(client);
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(served);
            }
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await Task.Yield();
        using var socket = client;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var input = PipeReader.Create(stream);
        var output = PipeWriter.Create(stream);
        try
        {
            while (true)
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                idle.CancelAfter(options.Value.IdleTimeout);
                var result = await input.ReadAsync(idle.Token);
                var buffer = result.Buffer;
                while (TryReadLine(ref buffer, out var line))
                {
                    await output.WriteAsync(ShippingRecords.Line(Answer(line)), _stopping.Token);
                }

                if (buffer.Length > MaxRecord)
                {
                    await output.WriteAsync(ShippingRecords.Line(ShippingRecords.Error("00000000", "record too long")), _stopping.Token);
                    return;  // a legacy system does not resynchronise; it hangs up
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // Idle, stopping, or the hub hung up.
        }
        finally
        {
            await input.CompleteAsync();
            await output.CompleteAsync();
        }
    }

    private string Answer(string record)
    {
        var booking = ShippingRecords.Read(record, out var reference, out var error);
        if (booking is null)
        {
            LogUnreadable(logger, error!);
            return ShippingRecords.Error(reference, error!);
        }

        var (tracking, refusal) = desk.Book(booking.OrderNumber, booking.PostalCode);
        LogBooked(logger, booking.OrderNumber, tracking ?? refusal!);
        return tracking is null
            ? ShippingRecords.Refused(booking.Reference, booking.OrderNumber, refusal!)
            : ShippingRecords.Booked(booking.Reference, booking.OrderNumber, tracking);
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out string line)
    {
        line = "";
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            return false;
        }

        line = Encoding.ASCII.GetString(buffer.Slice(0, end)).TrimEnd('\r');
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Demo shipping system listening on {EndPoint}")]
    private static partial void LogListening(ILogger logger, string endPoint);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Demo shipping: order {OrderNumber}: {Outcome}")]
    private static partial void LogBooked(ILogger logger, string orderNumber, string outcome);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Demo shipping: unreadable record: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string error);
}
