using CommerceBus.Contracts.Orders;
using MassTransit;

namespace CommerceBus.Bench.Bus.Hop;

/// <summary>
/// The second baseline: a plain MassTransit consumer on RabbitMQ (publisher confirms, durable, persistent: the hub bus's
/// settings) reads the order as raw JSON and sends it on to the out queue.
/// </summary>
internal sealed class MassTransitRelay(IBusControl bus) : IRelay
{
    public string Name => "plain MassTransit consumer";

    public string Exchange => "";

    public string RoutingKey => "bench.mt.in";

    public string OutQueue => "bench.mt.out";

    public static async Task<MassTransitRelay> StartAsync(Uri broker)
    {
        var bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(broker, host => host.PublisherConfirmation = true);
            cfg.Durable = true;
            cfg.ReceiveEndpoint("bench.mt.in", e =>
            {
                e.PrefetchCount = 16;
                e.ConcurrentMessageLimit = 8;
                e.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: true);
                e.ConfigureConsumeTopology = false;
                e.Consumer<ForwardConsumer>();
            });
        });
        await bus.StartAsync();
        return new MassTransitRelay(bus);
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync();

    /// <summary>Sends what it consumes to the out queue.</summary>
    private sealed class ForwardConsumer : IConsumer<PlaceOrder>
    {
        private static readonly Uri Out = new("queue:bench.mt.out");

        public async Task Consume(ConsumeContext<PlaceOrder> context)
        {
            var endpoint = await context.GetSendEndpoint(Out);
            await endpoint.Send(context.Message, context.CancellationToken);
        }
    }
}
