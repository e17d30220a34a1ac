using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.DemoEndpoints;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.IntegrationTests.Endpoints;

/// <summary>
/// Connector kind <c>held-payments</c>: holds each delivery until the test releases it, then applies the demo Payments
/// rules; it counts deliveries in flight and records when the hub disposes its connector.
/// </summary>
public sealed class HeldPayments
{
    public const string KindName = "held-payments";

    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _disposed;

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>How many connectors of this kind the hub has disposed.</summary>
    public int Disposed => Volatile.Read(ref _disposed);

    public void Release() => _released.TrySetResult();

    /// <summary>Makes the connectors; registered with <c>AddConnector</c>.</summary>
    public sealed class Factory(HeldPayments held, DemoEndpointState demo) : IConnectorFactory
    {
        public string Kind => KindName;

        public AdapterCapabilities Capabilities { get; } = new() { Direction = AdapterDirection.Outbound, RequestReply = true };

        public IEndpointConnector Create(string endpoint, IConfigurationSection settings) => new Connector(held, demo);
    }

    private sealed class Connector(HeldPayments held, DemoEndpointState demo) : IEndpointConnector, IDisposable
    {
        public async Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref held._inFlight);
            try
            {
                await held._released.Task.WaitAsync(cancellationToken);
                return DeliveryResult.Replied(message.Command switch
                {
                    CapturePayment capture => demo.Payments.Capture(capture, message.IdempotencyKey),
                    RefundPayment refund => demo.Payments.Refund(refund),
                    _ => throw new NotSupportedException(message.Command.GetType().Name),
                });
            }
            finally
            {
                Interlocked.Decrement(ref held._inFlight);
            }
        }

        public void Dispose() => Interlocked.Increment(ref held._disposed);
    }
}
