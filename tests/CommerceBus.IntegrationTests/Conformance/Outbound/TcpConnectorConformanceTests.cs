using System.Globalization;
using CommerceBus.Abstractions.Outbound;
using CommerceBus.Adapters.Tcp;
using CommerceBus.Conformance.Outbound;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.DemoEndpoints.Shipping;
using CommerceBus.IntegrationTests.Tcp;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace CommerceBus.IntegrationTests.Conformance.Outbound;

/// <summary>
/// The <c>tcp</c> connector (the built-in legacy-shipping layout) runs the connector conformance suite against a real
/// TCP listener that answers as the shipping system would: once per order, BKR to refuse, ERR to fail, or silence.
/// </summary>
public sealed class TcpConnectorConformanceTests(TcpConnectorConformanceTests.ConformanceFactory factory)
    : OutboundConnectorConformanceTests<TcpConnectorConformanceTests.ConformanceFactory>(factory)
{
    public sealed class ConformanceFactory : IConnectorConformanceFactory, IAsyncLifetime
    {
        private readonly ConformanceLedger _ledger = new();
        private readonly ScriptedEndpoint _endpoint = new();
        private readonly OwnedTcpConnectors _connectors = new(new TcpAdapterOptions());

        public ConnectorConformanceCapabilities Capabilities => new() { RequestReply = true, Refuses = true, FailsTechnically = true, Hangs = true };

        public Task InitializeAsync()
        {
            _endpoint.Answer = (record, _) => Answer(record);
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            await _connectors.DisposeAsync();
            await _endpoint.DisposeAsync();
        }

        public IEndpointConnector CreateConnector(TimeSpan timeout) =>
            _connectors.Create("shipping", new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["shipping:Connector"] = "tcp",
                ["shipping:Host"] = "127.0.0.1",
                ["shipping:Port"] = _endpoint.Port.ToString(CultureInfo.InvariantCulture),
                ["shipping:TimeoutSeconds"] = ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            }).Build().GetSection("shipping"));

        public OutboundMessage NewMessage(EndpointBehaviour behaviour)
        {
            var book = new BookShipment(
                Guid.NewGuid(),
                ConformanceOrders.NewNumber(behaviour),
                new ShippingAddress("Ada Lovelace", "12 Analytical Way", "London", "NW1 2DB", "GB"),
                [new FulfillmentLine("BOOK-001", 2, 19.99m)]);
            return new OutboundMessage
            {
                Endpoint = "shipping",
                Command = book,
                Envelope = new MessageEnvelope { MessageId = Guid.NewGuid(), MessageType = "BookShipment.v1" },
                InstanceId = book.TrackingId,
                IdempotencyKey = $"{book.TrackingId}:BookShipment.v1",
            };
        }

        // Fixed-width records carry no idempotency key: the shipping system applies a booking once per order number.
        public EndpointRecord RecordOf(OutboundMessage message) => _ledger.RecordOf(((BookShipment)message.Command).OrderNumber);

        public bool IsRefusal(OutboundMessage message, object reply) => reply is ShipmentRefused;

        private List<string> Answer(string record)
        {
            var booking = ShippingRecords.Read(record, out var reference, out var error);
            if (booking is null)
            {
                return [ShippingRecords.Error(reference, error!)];
            }

            _ledger.Received(booking.OrderNumber);
            return ConformanceOrders.BehaviourOf(booking.OrderNumber) switch
            {
                EndpointBehaviour.Apply => [ShippingRecords.Booked(reference, booking.OrderNumber, _ledger.Apply(booking.OrderNumber, () => "TN-" + booking.OrderNumber))],
                EndpointBehaviour.Refuse => [ShippingRecords.Refused(reference, booking.OrderNumber, "no carrier serves this address")],
                EndpointBehaviour.Fail => [ShippingRecords.Error(reference, "disk full")],
                _ => [],
            };
        }
    }
}
