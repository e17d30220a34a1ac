using CommerceBus.Abstractions;
using CommerceBus.Abstractions.Outbound;
using MassTransit;
using Microsoft.Extensions.Configuration;

namespace CommerceBus.Core.Bus;

/// <summary>
/// Connector kind <c>bus</c>: delivers a command to a message-driven endpoint's queue on the hub's bus (in memory by
/// default, RabbitMQ in production). Setting: <c>Queue</c> (default: the endpoint's name). The endpoint answers on its own.
/// </summary>
internal sealed class BusConnectorFactory(IBus bus, BusSendLimit limit) : IConnectorFactory
{
    public string Kind => "bus";

    public AdapterCapabilities Capabilities { get; } = new()
    {
        Direction = AdapterDirection.Outbound,
        RequestReply = false,
        Transactional = true,
    };

    public IEndpointConnector Create(string endpoint, IConfigurationSection settings) =>
        new BusConnector(bus, limit, new Uri($"queue:{settings["Queue"] ?? endpoint}"));

    private sealed class BusConnector(IBus bus, BusSendLimit limit, Uri queue) : IEndpointConnector
    {
        public async Task<DeliveryResult> DeliverAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            await limit.WithinAsync(SendAsync(message, cancellationToken), queue, cancellationToken);
            return DeliveryResult.Handed($"sent to {queue}");
        }

        private async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            var endpoint = await bus.GetSendEndpoint(queue);
            await endpoint.Send(message.Command, message.Command.GetType(), context => BusEnvelope.Apply(context, message.Envelope, message.InstanceId), cancellationToken);
        }
    }
}
