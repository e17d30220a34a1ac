using CommerceBus.Core.Bus;
using CommerceBus.Transports.RabbitMq;
using CommerceBus.Observability.Health;
using CommerceBus.Observability.Heartbeats;
using CommerceBus.Observability.Metrics;
using CommerceBus.Observability.Tracing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommerceBus.Observability;

/// <summary>
/// The one registration of the hub's observability: OpenTelemetry traces and metrics, the health checks behind
/// <c>/health/live</c> and <c>/health/ready</c>, and the endpoint heartbeats. <see cref="ObservabilityApplicationExtensions.MapHubObservability"/>
/// puts the endpoints on the application.
/// </summary>
public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>The tag of the checks <c>/health/ready</c> runs.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The tag of the checks <c>/health/live</c> runs.</summary>
    public const string LiveTag = "live";

    /// <summary>The check of the bus's broker connection (its receive endpoints consuming), registered only when the bus runs on RabbitMQ.</summary>
    public const string BrokerCheck = "broker";

    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The application's configuration: <c>CommerceBus:Observability</c> and the standard <c>OTEL_*</c> variables.</param>
    public static IServiceCollection AddHubObservability(this IServiceCollection services, IConfiguration configuration)
    {
        var commerceBus = configuration.GetSection("CommerceBus");
        var section = commerceBus.GetSection(ObservabilityOptions.Section);
        services.AddOptions<ObservabilityOptions>().Bind(section);
        var settings = section.Get<ObservabilityOptions>() ?? new ObservabilityOptions();

        services.AddSingleton<HubStateSampler>();
        services.AddSingleton<EndpointHeartbeats>();
        services.AddSingleton<IEndpointHeartbeats>(sp => sp.GetRequiredService<EndpointHeartbeats>());
        services.AddHostedService(sp => sp.GetRequiredService<EndpointHeartbeats>());
        services.AddHostedService<HubStateMetrics>();

        var onBroker = RabbitMqBusOptions.From(commerceBus).Enabled;
        var timeout = settings.ProbeTimeout;
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy("running"), tags: [LiveTag])
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: timeout)
            .Add(new HealthCheckRegistration(
                onBroker ? BrokerCheck : "bus",
                sp => new ReceiveEndpointsHealthCheck(sp.GetRequiredService<ReceiveEndpointWatch>(), onBroker),
                failureStatus: null,
                tags: [ReadyTag],
                timeout: timeout))
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: [ReadyTag], timeout: timeout)
            .AddCheck<OutboxLagHealthCheck>("outbox", tags: [ReadyTag], timeout: timeout)
            .AddCheck<EndpointHeartbeatsHealthCheck>("endpoints", failureStatus: HealthStatus.Degraded, tags: [ReadyTag]);

        services.AddHubOpenTelemetry(configuration);
        return services;
    }
}
