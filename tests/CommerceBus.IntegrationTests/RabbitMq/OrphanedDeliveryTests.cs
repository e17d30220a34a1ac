using CommerceBus.Conformance;
using CommerceBus.Core.Hosting;
using CommerceBus.IntegrationTests.Hosting;
using CommerceBus.IntegrationTests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CommerceBus.IntegrationTests.RabbitMq;

/// <summary>
/// A message still being handled when the broker closes its channel (a send stuck waiting for a confirm, in the field)
/// must not keep its receive endpoint from reconnecting: after <c>SendTimeout</c> the endpoint lets go of it, consumes
/// again, and the broker delivers the let-go message again.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class OrphanedDeliveryTests
{
    private const string Queue = "orphan-test";

    [RabbitFact]
    public async Task An_endpoint_whose_handler_hangs_across_a_connection_loss_consumes_again()
    {
        var vhost = await RabbitServer.CreateVirtualHostAsync("orphan");
        var probe = new HoldingProbe();
        try
        {
            var settings = new Dictionary<string, string?>
            {
                ["CommerceBus:RabbitMq:ConnectionString"] = vhost,
                ["CommerceBus:RabbitMq:SendTimeout"] = "00:00:02",
            };
            await using var hub = await TestHub.StartAsync(
                settings,
                configureHub: b => b.ConfigureBus(bus => bus.AddConsumer<HoldingConsumer>().Endpoint(e => e.Name = Queue)),
                configureServices: s => s.AddSingleton(probe));
            var bus = hub.Services.GetRequiredService<IBus>();
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{Queue}"));

            await endpoint.Send(new HoldMessage(1));
            await probe.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(60));

            // The handler of message 1 never returns; the connection under it goes away.
            await RabbitServer.CloseConnectionsAsync(vhost);

            // Message 2 reaches a consumer only if the endpoint reconnected although message 1 is still being handled.
            await Eventually.MatchAsync(
                async () =>
                {
                    try
                    {
                        await (await bus.GetSendEndpoint(new Uri($"queue:{Queue}"))).Send(new HoldMessage(2)).WaitAsync(TimeSpan.FromSeconds(5));
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        // The bus is still reconnecting; try again.
                    }

                    return probe.SecondSeen.Task.IsCompleted;
                },
                seen => seen,
                "the endpoint to consume again after the connection loss",
                TimeSpan.FromSeconds(120));

            // The message let go was not dropped: the broker delivered it again.
            await Eventually.MatchAsync(() => Task.FromResult(probe.FirstDeliveries), n => n >= 2, "message 1 delivered again", TimeSpan.FromSeconds(60));
        }
        finally
        {
            probe.Release.TrySetResult();
            await RabbitServer.DeleteVirtualHostAsync(vhost);
        }
    }

    public sealed record HoldMessage(int Number);

    public sealed class HoldingProbe
    {
        private int _firstDeliveries;

        public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource SecondSeen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int FirstDeliveries => Volatile.Read(ref _firstDeliveries);

        public void FirstDelivered() => Interlocked.Increment(ref _firstDeliveries);
    }

    public sealed class HoldingConsumer(HoldingProbe probe) : IConsumer<HoldMessage>
    {
        public async Task Consume(ConsumeContext<HoldMessage> context)
        {
            if (context.Message.Number == 1)
            {
                probe.FirstDelivered();
                probe.FirstStarted.TrySetResult();

                // Stands for a send waiting for a confirm that never comes: it ignores cancellation too.
                await probe.Release.Task;
                return;
            }

            probe.SecondSeen.TrySetResult();
        }
    }
}
