using CommerceBus.Abstractions.Hosting;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Core.Bus;
using CommerceBus.Core.Dispatch;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Journal;
using CommerceBus.Operations;
using CommerceBus.Core.Orders;
using CommerceBus.Core.Pipeline;
using CommerceBus.Core.Retention;
using CommerceBus.Routing;
using CommerceBus.Core.Sagas;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Core;
using CommerceBus.Core.Hosting;
using CommerceBus.Core.Scheduling;
using CommerceBus.Persistence;
using CommerceBus.Scheduling.Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommerceBus.Hosting;

/// <summary>The hub's one registration entry point.</summary>
public static class CommerceBusServiceCollectionExtensions
{
    /// <summary>
    /// Adds the hub (pipeline, router, journal and read model, bus and order fulfillment saga) configured from the
    /// <c>CommerceBus</c> section; <paramref name="configure"/> adds adapters, connectors and hosted endpoints.
    /// </summary>
    public static IServiceCollection AddCommerceBus(this IServiceCollection services, IConfiguration configuration, Action<ICommerceBusBuilder>? configure = null)
    {
        var section = configuration.GetSection("CommerceBus");
        var builder = new CommerceBusBuilder(services, section);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().Bind(section.GetSection("Storage"));
        services.AddOptions<OrderOptions>().Bind(section.GetSection("Orders"));
        services.AddOptions<OrderFulfillmentOptions>().Bind(section.GetSection("Sagas:OrderFulfillment"));
        services.AddOptions<SchedulerOptions>().Bind(section.GetSection("Scheduler"));
        services.AddOptions<RetentionOptions>().Bind(section.GetSection("Retention"));

        // Order matters for hosted services: the database exists before the bus starts, the bus before the adapters.
        services.AddSingleton(sp => HubDatabaseProviders.For(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        foreach (var contributor in CoreHubModel.Contributors)
        {
            services.AddSingleton<IHubModelContributor>(contributor);
        }

        services.AddHubPersistence();
        services.AddCommerceBusRouting(section);
        services.AddHubScheduler();

        services.AddSingleton<JournalWriter>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<EndpointRegistry>(sp, section));
        services.AddSingleton<EndpointDispatcher>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RetryPolicies>(sp, section));
        services.AddSingleton<DelayedRedelivery>();
        services.AddSingleton<FailedMessageStore>();
        services.AddSingleton<IInboundFailureRecorder, InboundFailureRecorder>();
        services.AddSingleton<FailedMessageReplayer>();
        services.AddHostedService<RetryPolicyStartupCheck>();
        services.AddHostedService<RedriveStartupCheck>();
        services.AddHostedService<RetentionStartupCheck>();
        services.AddSingleton<RetentionSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        builder.AddConnector<BusConnectorFactory>();

        services.AddSingleton<NormalizeStep>();
        services.AddSingleton<DispatchStep>();
        services.AddSingleton<JournalStep>();
        services.AddSingleton<InboxStep>();
        services.AddSingleton<ValidateStep>();
        services.AddSingleton<RouteStep>();
        services.AddSingleton<AcceptStep>();
        services.AddSingleton<ICommandAcceptor, PlaceOrderAcceptor>();
        services.AddSingleton<ICommandAcceptor, CancelOrderAcceptor>();
        services.AddSingleton<IInboundGateway, InboundPipeline>();
        services.AddSingleton<OrderProjection>();
        services.AddScoped<SagaSideEffects>();

        configure?.Invoke(builder);
        OrderEventFanout.AddWhenObserved(builder);

        services.AddHubBus(builder);
        services.AddHostedService<OrderRecovery>();
        services.AddHostedService<InboundAdapterHost>();
        return services;
    }
}
