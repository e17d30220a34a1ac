using System.Collections.Concurrent;
using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.DemoEndpoints;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.IntegrationTests.Persistence;

/// <summary>
/// Connector kind <c>held-or-broken</c>, the payments endpoint of a hub about to be upgraded: captures of orders in
/// <see cref="Troubles.Held"/> never answer (the order waits at that step until the hub stops), captures of orders in
/// <see cref="Troubles.Broken"/> fail (and are parked), the others are applied by the demo Payments rules.
/// </summary>
public sealed class HeldOrBrokenPayments(DemoEndpointState demo, HeldOrBrokenPayments.Troubles troubles) : IConnectorFactory
{
    public const string KindName = "held-or-broken";

    private DemoEndpointState Demo { get; } = demo;

    private ConcurrentDictionary<string, bool> Held => troubles.Held;

    private ConcurrentDictionary<string, bool> Broken => troubles.Broken;

    public static IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CommerceBus:Endpoints:payments:Connector"] = KindName,
        ["CommerceBus:Endpoints:payments:Retries:Immediate"] = "1",
        ["CommerceBus:Endpoints:payments:Retries:Delayed:0"] = "00:00:01",
    };

    public string Kind => KindName;

    /// <summary>Registers the connector with its troubles, known before the hub starts (recovery calls payments at once).</summary>
    public static void AddTo(IServiceCollection services, Troubles troubles)
    {
        services.AddSingleton(troubles);
        services.AddSingleton<IConnectorFactory, HeldOrBrokenPayments>();
    }

    public AdapterCapabilities Capabilities { get; } = new() { Direction = AdapterDirection.Outbound, RequestReply = true };

    public IEndpointConnector Create(string endpoint, IConfigurationSection settings) => new Connector(this);

    private sealed class Connector(HeldOrBrokenPayments owner) : IEndpointConnector
    {
        public async Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            if (message.Command is CapturePayment held && owner.Held.ContainsKey(held.OrderNumber))
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return message.Command switch
            {
                CapturePayment broken when owner.Broken.ContainsKey(broken.OrderNumber) =>
                    throw new InvalidOperationException($"payments cannot take the capture of order {broken.OrderNumber}"),
                CapturePayment capture => DeliveryResult.Replied(owner.Demo.Payments.Capture(capture, message.IdempotencyKey)),
                RefundPayment refund => DeliveryResult.Replied(owner.Demo.Payments.Refund(refund)),
                _ => throw new NotSupportedException(message.Command.GetType().Name),
            };
        }
    }

    /// <summary>The orders whose captures are held or fail; a test changes them while the hub runs.</summary>
    public sealed class Troubles
    {
        public ConcurrentDictionary<string, bool> Held { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, bool> Broken { get; } = new(StringComparer.Ordinal);
    }
}
