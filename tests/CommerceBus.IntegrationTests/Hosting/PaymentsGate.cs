using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.DemoEndpoints;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.IntegrationTests.Hosting;

/// <summary>
/// A payments endpoint that holds every delivery until the test opens it, then applies the demo Payments rules. It
/// lets a test act while an order is provably between two steps, instead of racing the flow.
/// </summary>
public sealed class PaymentsGate
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Settings that point the hub's payments endpoint at the gate.</summary>
    public static IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CommerceBus:Endpoints:payments:Connector"] = ConnectorFactory.KindName,
    };

    public void Open() => _open.TrySetResult();

    /// <summary>The connector kind <c>gated-payments</c>.</summary>
    public sealed class ConnectorFactory(PaymentsGate gate, DemoEndpointState demo) : IConnectorFactory
    {
        public const string KindName = "gated-payments";

        public string Kind => KindName;

        public AdapterCapabilities Capabilities { get; } = new() { Direction = AdapterDirection.Outbound, RequestReply = true };

        public IEndpointConnector Create(string endpoint, IConfigurationSection settings) => new Connector(gate, demo);
    }

    private sealed class Connector(PaymentsGate gate, DemoEndpointState demo) : IEndpointConnector
    {
        public async Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            await gate._open.Task.WaitAsync(cancellationToken);
            return DeliveryResult.Replied(message.Command switch
            {
                CapturePayment capture => demo.Payments.Capture(capture, message.IdempotencyKey),
                RefundPayment refund => demo.Payments.Refund(refund),
                _ => throw new NotSupportedException(message.Command.GetType().Name),
            });
        }
    }
}
