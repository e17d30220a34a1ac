using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Contracts.Orders;

namespace CommerceBus.Conformance.ReferenceAdapter;

/// <summary>
/// The smallest possible inbound adapter: its "wire" is a method call. It shows an integration engineer what an
/// adapter must do, and runs the conformance suite against the hub with no protocol in between.
/// </summary>
public sealed class InMemoryReferenceAdapter(IInboundGateway hub) : IInboundAdapter
{
    public const string AdapterName = "in-memory";

    public string Name => AdapterName;

    public AdapterCapabilities Capabilities { get; } = new() { Direction = AdapterDirection.Inbound, RequestReply = true };

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>What a client of this adapter calls: the command goes to the hub as it is.</summary>
    public Task<InboundResult> SendAsync(object command, CancellationToken cancellationToken) =>
        hub.SubmitAsync(new InboundMessage { Command = command, SourceAdapter = AdapterName }, cancellationToken);

    public Task<StatusView?> StatusAsync(string orderNumber, CancellationToken cancellationToken) =>
        hub.GetStatusAsync(OrderFamily.Name, orderNumber, cancellationToken);
}
