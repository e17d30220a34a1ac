using CommerceBus.Abstractions.Outbound;
using CommerceBus.Conformance.Outbound;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Core.Hosting;
using CommerceBus.IntegrationTests.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.Conformance.Outbound;

/// <summary>
/// The <c>bus</c> connector runs the connector conformance suite on the hub's bus as the tests run it (in memory), to a
/// queue with a consumer that applies each command once. A bus hand-over has no in-line answer, so refusals, technical
/// failures of the endpoint and hung answers are not its to show.
/// </summary>
public sealed class BusConnectorConformanceTests(BusConnectorConformanceTests.ConformanceFactory factory)
    : OutboundConnectorConformanceTests<BusConnectorConformanceTests.ConformanceFactory>(factory)
{
    public const string Queue = "conformance-bus";

    public sealed class ConformanceFactory : IConnectorConformanceFactory, IAsyncLifetime
    {
        private readonly ConformanceLedger _ledger = new();
        private TestHub? _hub;

        public ConnectorConformanceCapabilities Capabilities => new() { RequestReply = false };

        public async Task InitializeAsync() =>
            _hub = await TestHub.StartAsync(
                configureServices: services => services.AddSingleton(_ledger),
                configureHub: hub => hub.ConfigureBus(bus => bus.AddConsumer<LedgerConsumer>().Endpoint(e =>
                {
                    e.Name = Queue;
                    e.ConfigureConsumeTopology = false;
                })));

        public async Task DisposeAsync() => await _hub!.DisposeAsync();

        public IEndpointConnector CreateConnector(TimeSpan timeout) =>
            _hub!.Services.GetServices<IConnectorFactory>().Single(f => f.Kind == "bus").Create(
                Queue,
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [$"{Queue}:Connector"] = "bus", [$"{Queue}:Queue"] = Queue }).Build().GetSection(Queue));

        public OutboundMessage NewMessage(EndpointBehaviour behaviour)
        {
            var reserve = new ReserveStock(Guid.NewGuid(), ConformanceOrders.NewNumber(behaviour), [new FulfillmentLine("BOOK-001", 1, 10.00m)]);
            return new OutboundMessage
            {
                Endpoint = Queue,
                Command = reserve,
                Envelope = new MessageEnvelope { MessageId = Guid.NewGuid(), MessageType = "ReserveStock.v1", CorrelationId = "conformance" },
                InstanceId = reserve.TrackingId,
                IdempotencyKey = $"{reserve.TrackingId}:ReserveStock.v1",
            };
        }

        // On the bus the key travels as the instance (tracking) id and the message type, which is what the consumer keys by.
        public EndpointRecord RecordOf(OutboundMessage message) => _ledger.RecordOf(((ReserveStock)message.Command).TrackingId.ToString());

        public bool IsRefusal(OutboundMessage message, object reply) => false;
    }

    /// <summary>The endpoint behind the queue: applies each order's reservation once.</summary>
    public sealed class LedgerConsumer(ConformanceLedger ledger) : IConsumer<ReserveStock>
    {
        public Task Consume(ConsumeContext<ReserveStock> context)
        {
            var key = context.Message.TrackingId.ToString();
            ledger.Received(key);
            ledger.Apply(key, () => "reserved");
            return Task.CompletedTask;
        }
    }
}
