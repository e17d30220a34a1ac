using CommerceBus.Core.Bus;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Core.Hosting;
using CommerceBus.Scheduling.Hangfire;
using CommerceBus.Transports.RabbitMq;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Hosting;

/// <summary>
/// Configures the hub's bus: the scheduler, the routed-command dispatcher, the envelope filters, and what modules and
/// hosted endpoints add (<see cref="CommerceBusBuilderBusExtensions"/>).
/// </summary>
internal static class BusRegistration
{
    public const string DispatchQueue = HubQueues.Dispatch;
    public const string SchedulerQueue = HubQueues.Scheduler;

    /// <summary>What the host's stop is given beyond the bus's <see cref="RabbitMqBusOptions.EndpointStopTimeout"/>: the adapters' and the other services' stops.</summary>
    public static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(15);

    // The retries of every receive endpoint (milliseconds): a message is tried once more for each.
    private static readonly int[] RetryIntervals = [100, 500, 1000, 2000, 5000];

    public static IServiceCollection AddHubBus(this IServiceCollection services, CommerceBusBuilder builder)
    {
        services.AddScoped<FlowScope>();
        services.AddOptions<RabbitMqBusOptions>()
            .Bind(builder.Configuration.GetSection("RabbitMq"))
            .Validate(
                o => o.EndpointStopTimeout >= o.SendTimeout,
                "CommerceBus:RabbitMq:EndpointStopTimeout must be at least CommerceBus:RabbitMq:SendTimeout: an endpoint cancels its handlers after SendTimeout and stops waiting for them after EndpointStopTimeout")
            .ValidateOnStart();
        services.AddSingleton<BusSendLimit>();

        // Every wait of a receive endpoint for its handlers is bounded. MassTransit restarts an endpoint whose channel the
        // broker closed only once the endpoint's consumer has stopped, and without a StopTimeout that stop waits for every
        // message still being handled on the old channel, however long: one handler that never returns (a publish whose
        // confirm never comes, rabbitmq-dotnet-client #1865) left commercebus-dispatch with no consumer for good. Handlers
        // are cancelled after SendTimeout; after EndpointStopTimeout the endpoint reconnects without them.
        services.AddOptions<MassTransitHostOptions>().Configure<IOptions<RabbitMqBusOptions>>((host, rabbit) =>
        {
            host.ConsumerStopTimeout = rabbit.Value.SendTimeout;
            host.StopTimeout = rabbit.Value.EndpointStopTimeout;
        });

        // The host's whole stop must outlast the bus's wait for its handlers, or .NET gives up on the stop (default 30 s)
        // while the bus still waits (45 s): at least EndpointStopTimeout + ShutdownMargin, 60 s by default. A longer
        // one configured (shutdownTimeoutSeconds, DOTNET_shutdownTimeoutSeconds) is kept.
        services.AddOptions<HostOptions>().Configure<IOptions<RabbitMqBusOptions>>((host, rabbit) =>
        {
            var needed = rabbit.Value.EndpointStopTimeout + ShutdownMargin;
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });

        // The hub's own supervision of that: an endpoint the broker shows without a consumer is logged and restarted.
        services.AddReceiveEndpointWatchdog(builder.Configuration);

        // The saga publishes through a durable outbox: rows committed with the saga row, sent right after the commit,
        // and swept at start-up and periodically for any left unsent.
        services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection("Sagas:Outbox"));
        services.AddSagaStepServices();
        services.AddHostedService<OutboxSweeper>();
        services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();

            // MassTransit 8.5 reports anonymous usage to its vendor by default; a hub does not phone home.
            bus.DisableUsageTelemetry();

            // Saga timeouts go through MassTransit's scheduling seam to the Hangfire scheduler on its own queue.
            bus.AddConsumer<ScheduleMessageConsumer>().Endpoint(e => e.Name = SchedulerQueue);
            bus.AddMessageScheduler(new Uri($"queue:{SchedulerQueue}"));

            foreach (var register in builder.BusRegistrations)
            {
                register(bus);
            }

            bus.AddConfigureEndpointsCallback((context, name, endpoint) =>
            {
                if (name is SchedulerQueue or DispatchQueue || builder.StoredFailureQueues.Contains(name))
                {
                    RecordFailuresInStore(context, endpoint);
                }

                // Outermost: a message stuck on a channel the broker closed must not keep its endpoint from reconnecting.
                // Only on RabbitMQ: the in-memory bus has no channel to lose, and the filter's first message would load
                // MassTransit's RabbitMQ transport and RabbitMQ.Client into a hub that has no broker (issue 21 item 3).
                var rabbit = context.GetRequiredService<IOptions<RabbitMqBusOptions>>().Value;
                if (rabbit.Enabled)
                {
                    endpoint.UseFilter(new OrphanedDeliveryFilter(rabbit.SendTimeout, context.GetRequiredService<ILogger<OrphanedDeliveryFilter>>()));
                }

                // Transient endpoint failures are retried here; what still fails lands in the endpoint's error queue.
                endpoint.UseMessageRetry(r => r.Intervals(RetryIntervals));

                // The scope must wrap the outbox: the outbox sends after the consumer returns, and the envelope filters
                // that run then are resolved from that scope.
                endpoint.UseMessageScope(context);
                endpoint.UseInMemoryOutbox(context);
            });

            bus.UsingHubTransport(builder.Configuration, (context, cfg) =>
            {
                cfg.UseMessageScheduler(new Uri($"queue:{SchedulerQueue}"));
                cfg.UseConsumeFilter(typeof(FlowConsumeFilter<>), context);
                cfg.UseSendFilter(typeof(FlowSendFilter<>), context);
                cfg.UsePublishFilter(typeof(FlowSendFilter<>), context);
            });
        });
        return services;
    }

    // A message the saga, the scheduler or the dispatcher failed for good, or that no consumer there takes, goes to the
    // failed-message store rather than the queue's _error or _skipped queue (which only take it when the store cannot).
    // (The dispatcher parks failed endpoint deliveries itself; what reaches its error pipe is its own failure, such as a
    // command no route takes.)
    private static void RecordFailuresInStore(IRegistrationContext context, IReceiveEndpointConfigurator endpoint)
    {
        var store = context.GetRequiredService<FailedMessageStore>();
        var clock = context.GetRequiredService<TimeProvider>();
        endpoint.ConfigureError(error =>
        {
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new QueueErrorRecorder(store, RetryIntervals.Length + 1, clock, context.GetRequiredService<ILogger<QueueErrorRecorder>>()));
            error.UseFilter(new ErrorTransportFilter());
        });
        endpoint.ConfigureDeadLetter(deadLetter =>
        {
            deadLetter.UseFilter(new SkippedMessageRecorder(store, clock, context.GetRequiredService<ILogger<SkippedMessageRecorder>>()));
            deadLetter.UseFilter(new DeadLetterTransportFilter());
        });
    }
}
