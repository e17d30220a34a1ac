using CommerceBus.Abstractions.Hosting;
using CommerceBus.Abstractions.Inbound;
using CommerceBus.Core;
using CommerceBus.Core.Bus;
using CommerceBus.Core.Dispatch;
using CommerceBus.Core.Dispatch.Recoverability;
using CommerceBus.Core.Duties;
using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Hosting;
using CommerceBus.Core.Journal;
using CommerceBus.Core.Pipeline;
using CommerceBus.Core.Retention;
using CommerceBus.Core.Scheduling;
using CommerceBus.Operations;
using CommerceBus.Persistence;
using CommerceBus.Persistence.GroupCommit;
using CommerceBus.Routing;
using CommerceBus.Scheduling.Hangfire;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommerceBus.Hosting;

/// <summary>The hub's one registration entry point.</summary>
public static class CommerceBusServiceCollectionExtensions
{
    /// <summary>
    /// Adds the hub (pipeline, router, journal, bus, dispatcher, failed-message store) configured from the
    /// <c>CommerceBus</c> section; <paramref name="configure"/> adds business modules (<c>AddOrderFulfillment</c>),
    /// adapters, connectors and hosted endpoints.
    /// </summary>
    public static IServiceCollection AddCommerceBus(this IServiceCollection services, IConfiguration configuration, Action<ICommerceBusBuilder>? configure = null)
    {
        var section = configuration.GetSection("CommerceBus");
        var builder = new CommerceBusBuilder(services, section);

        // The one place the system clock is chosen (BannedSymbols.txt bans it elsewhere); tests register their own first.
#pragma warning disable RS0030
        services.TryAddSingleton(TimeProvider.System);
#pragma warning restore RS0030
        services.AddOptions<StorageOptions>().Bind(section.GetSection("Storage"));
        services.AddOptions<GroupCommitOptions>().Bind(section.GetSection("Storage:GroupCommit"));
        services.AddOptions<SchedulerOptions>().Bind(section.GetSection("Scheduler"));
        services.AddOptions<RetentionOptions>().Bind(section.GetSection("Retention"));

        // Order matters for hosted services: the database exists before the bus starts, the bus before the adapters.
        services.AddSingleton(sp => HubDatabaseProviders.For(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        foreach (var contributor in CoreHubModel.Contributors)
        {
            services.AddSingleton<IHubModelContributor>(contributor);
        }

        services.AddHubPersistence();
        // Routes are read from the topology, which builds and swaps them together with the endpoints' connectors.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<EndpointTopology>(sp, section));
        services.AddSingleton<IRoutingTableSource>(sp => sp.GetRequiredService<EndpointTopology>());
        services.AddCommerceBusRouting(section);
        services.AddHubScheduler();

        services.AddSingleton<JournalWriter>();
        services.AddSingleton<EndpointDispatcher>();
        services.AddSingleton<DelayedRedelivery>();
        services.AddSingleton<FailedMessageStore>();
        services.AddSingleton<IInboundFailureRecorder, InboundFailureRecorder>();
        services.AddSingleton<FailedMessageReplayer>();
        services.AddSingleton<FailedMessageReader>();
        services.AddHostedService<TopologyStartupCheck>();
        services.AddHostedService<RetentionStartupCheck>();
        // Each periodic duty runs on the one hub holding its lease (IHubCoordination), and each run is recorded.
        services.AddSingleton<DutyRunner>();
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
        services.AddSingleton<StatusSources>();
        services.AddSingleton<IInboundGateway, InboundPipeline>();

        configure?.Invoke(builder);
        EventFanout.AddWhenObserved(builder);

        services.AddHubBus(builder);

        // Services that send on the bus start after it (a module's recovery), and before the adapters take requests.
        foreach (var add in builder.AfterBus)
        {
            add(services);
        }

        services.AddHostedService<InboundAdapterHost>();

        // One compacting collection once the hub has handled nothing for a while (idle memory, issue 21 item 3).
        services.AddSingleton<IdleMemoryTrim>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleMemoryTrim>());
        services.AddReceiveObserver<IdleMemoryTrimReceiveObserver>();
        return services;
    }
}
