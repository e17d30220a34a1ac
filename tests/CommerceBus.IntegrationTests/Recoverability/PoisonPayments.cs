using System.Collections.Concurrent;
using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Contracts.Fulfillment;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.IntegrationTests.Recoverability;

/// <summary>
/// Connector kind <c>poison</c>: a payments endpoint that fails every capture of the orders in <see cref="Broken"/>
/// and of customers whose id starts with <c>POISON</c>, and captures the others once per idempotency key.
/// </summary>
public sealed class PoisonPayments : IConnectorFactory
{
    public ConcurrentDictionary<string, bool> Broken { get; } = new(StringComparer.Ordinal);

    /// <summary>Captures applied, by idempotency key: a replay that reaches an applied capture must not add one.</summary>
    public ConcurrentDictionary<string, int> Applied { get; } = new(StringComparer.Ordinal);

    public string Kind => "poison";

    public AdapterCapabilities Capabilities { get; } = new() { Direction = AdapterDirection.Outbound, RequestReply = true };

    public IEndpointConnector Create(string endpoint, IConfigurationSection settings) => new Connector(this);

    private sealed class Connector(PoisonPayments owner) : IEndpointConnector
    {
        public Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken) => message.Command switch
        {
            CapturePayment capture when owner.Broken.ContainsKey(capture.OrderNumber) || capture.CustomerId.StartsWith("POISON", StringComparison.Ordinal) =>
                throw new PaymentsDownException($"payments cannot take the capture of order {capture.OrderNumber} for {capture.CustomerId}"),
            CapturePayment capture => Task.FromResult(Capture(capture, message.IdempotencyKey)),
            RefundPayment refund => Task.FromResult(DeliveryResult.Replied(new PaymentRefunded(refund.TrackingId, refund.OrderNumber, refund.PaymentId))),
            _ => throw new NotSupportedException($"poison payments does not take {message.Command.GetType().Name}"),
        };

        private DeliveryResult Capture(CapturePayment capture, string key)
        {
            owner.Applied.AddOrUpdate(key, 1, (_, n) => n + 1);
            return DeliveryResult.Replied(new PaymentCaptured(capture.TrackingId, capture.OrderNumber, "PAY-" + capture.OrderNumber));
        }
    }
}

/// <summary>What the poison payments endpoint throws: a failure a group retry can select by type.</summary>
public sealed class PaymentsDownException(string message) : Exception(message);
