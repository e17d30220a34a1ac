using CommerceBus.Abstractions.Inbound;
using CommerceBus.Adapters.Tcp;
using CommerceBus.Conformance;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// The adapter alone on a real socket, in front of a scripted hub: the answers a running hub rarely gives (E999) and
/// a shutdown with a request in flight.
/// </summary>
public sealed class TcpAdapterScriptedHubTests : IAsyncLifetime
{
    private readonly ScriptedHub _hub = new();
    private TcpAdapter _adapter = null!;

    public async Task InitializeAsync()
    {
        var options = new TcpAdapterOptions();
        options.Listeners[TcpAdapterOptions.DefaultListener].Port = 0;
        options.Listeners[TcpAdapterOptions.DefaultListener].Address = "127.0.0.1";
        _adapter = new TcpAdapter(Options.Create(options), _hub, NullLoggerFactory.Instance);
        await _adapter.StartAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => _adapter.StopAsync(CancellationToken.None);

    [Fact]
    public async Task Hub_that_cannot_take_the_order_now_gets_E999_and_the_terminal_can_resend()
    {
        await using var terminal = await ConnectAsync();
        var order = Orders.Valid();

        var nak = await terminal.AskAsync(TerminalRecords.Ord(order));

        Assert.Equal(("E999", order.OrderNumber), (TerminalRecords.CodeOf(nak), TerminalRecords.OrderNumberOf(nak)));
        _hub.Submit = (_, _) => Task.FromResult(new InboundResult { Outcome = InboundOutcome.Accepted, OrderNumber = order.OrderNumber, TrackingId = Guid.NewGuid() });
        Assert.StartsWith("ACK" + order.OrderNumber, await terminal.AskAsync(TerminalRecords.Ord(order)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_that_fails_gets_E999_and_the_connection_stays_usable()
    {
        await using var terminal = await ConnectAsync();
        _hub.Submit = (_, _) => throw new InvalidOperationException("database is down");
        var order = Orders.Valid();

        var nak = await terminal.AskAsync(TerminalRecords.Can(order.OrderNumber!, "because"));

        Assert.Equal(("E999", order.OrderNumber), (TerminalRecords.CodeOf(nak), TerminalRecords.OrderNumberOf(nak)));
        Assert.Equal("E004", TerminalRecords.CodeOf(await terminal.AskAsync(TerminalRecords.Sta(order.OrderNumber!))));
    }

    [Fact]
    public async Task Commands_reach_the_hub_translated_with_the_adapter_name_and_listener()
    {
        await using var terminal = await ConnectAsync();
        var order = Orders.Valid();

        await terminal.AskAsync(TerminalRecords.Ord(order)[..140] + "00X2" + TerminalRecords.Ord(order)[144..]);
        var message = await _hub.Submitted.Task.WaitAsync(TerminalClient.Deadline);

        Assert.Equal("tcp", message.SourceAdapter);
        Assert.Equal(TcpAdapterOptions.DefaultListener, message.Headers["tcp-listener"]);
        Assert.Equal("lines[0].quantity", Assert.Single(message.TranslationErrors).Field);
        var placed = Assert.IsType<Contracts.Orders.PlaceOrder>(message.Command);
        Assert.Equal((order.OrderNumber, "London", 3.50m), (placed.OrderNumber, placed.ShipTo!.City, placed.Lines![1].UnitPrice));
    }

    [Fact]
    public async Task Stop_answers_the_record_in_flight_then_closes_the_connection()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = Orders.Valid();
        _hub.Submit = async (_, _) =>
        {
            await release.Task;
            return new InboundResult { Outcome = InboundOutcome.Accepted, OrderNumber = order.OrderNumber, TrackingId = Guid.NewGuid() };
        };
        await using var terminal = await ConnectAsync();
        await terminal.SendRecordsAsync(TerminalRecords.Ord(order));
        await _hub.Submitted.Task.WaitAsync(TerminalClient.Deadline);

        var stopping = _adapter.StopAsync(CancellationToken.None);
        release.SetResult();
        await stopping.WaitAsync(TerminalClient.Deadline);

        var replies = await terminal.ReadUntilClosedAsync();
        Assert.StartsWith("ACK" + order.OrderNumber, Assert.Single(replies), StringComparison.Ordinal);
    }

    private Task<TerminalClient> ConnectAsync() =>
        TerminalClient.ConnectAsync(_adapter.EndPointsOf(TcpAdapterOptions.DefaultListener)[0]);
}
