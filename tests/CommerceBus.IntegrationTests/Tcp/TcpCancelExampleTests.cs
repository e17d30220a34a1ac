using CommerceBus.Abstractions.Outbound;
using CommerceBus.IntegrationTests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Tcp;

/// <summary>
/// The contract's cancel example: payments are held at a gate, so the example order is provably before shipping when
/// the cancel record arrives, instead of racing the flow.
/// </summary>
public sealed class TcpCancelExampleTests
{
    [Fact]
    public async Task Example_cancel_record_is_acknowledged_and_the_order_ends_Cancelled()
    {
        var gate = new PaymentsGate();
        await using var hub = await TestHub.StartAsync(PaymentsGate.Settings, configureServices: services =>
        {
            services.AddSingleton(gate);
            services.AddSingleton<IConnectorFactory, PaymentsGate.ConnectorFactory>();
        });
        await using var terminal = await hub.ConnectTerminalAsync();

        await terminal.SendAsync(TcpTestHubExtensions.Asset("place-order.tcp"));
        var placed = await terminal.ReadReplyAsync();
        await hub.WaitForStatusAsync("A-1003", "StockReserved");
        await terminal.SendAsync(TcpTestHubExtensions.Asset("cancel-order.tcp"));
        var cancelled = await terminal.ReadReplyAsync();
        gate.Open();

        Assert.StartsWith("ACKA-1003      ", cancelled, StringComparison.Ordinal);
        Assert.Equal(TerminalRecords.TrackingIdOf(placed), TerminalRecords.TrackingIdOf(cancelled));
        var status = await hub.WaitForStatusAsync("A-1003", "Cancelled", "Completed", "Failed");
        Assert.Equal(("Cancelled", "customer changed mind"), (status!.Status, status.Reason));
        Assert.Equal("Cancelled", TerminalRecords.StatusOf(await terminal.AskAsync(TerminalRecords.Sta("A-1003"))));
    }
}
