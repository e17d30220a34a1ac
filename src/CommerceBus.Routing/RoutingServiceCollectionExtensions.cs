using CommerceBus.Routing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommerceBus.Routing;

/// <summary>Registers the content-based router and maps its explain endpoint.</summary>
public static class RoutingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IMessageRouter"/>, bound to <c>CommerceBus:Routing</c> and hot reloaded; an invalid table fails
    /// host start-up with <see cref="RoutingConfigurationException"/>. Calling it twice registers nothing twice.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="commerceBusSection">The <c>CommerceBus</c> section: routes under <c>Routing</c>, logical endpoints the child keys of <c>Endpoints</c>.</param>
    public static IServiceCollection AddCommerceBusRouting(this IServiceCollection services, IConfiguration commerceBusSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(commerceBusSection);

        services.AddOptions();
        services.TryAddSingleton(new RoutingSection(commerceBusSection));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<RoutingOptions>, RoutingOptionsSetup>());
        // The whole CommerceBus section is watched, not just Routing: a change to the declared endpoints can make the
        // table valid or invalid too.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptionsChangeTokenSource<RoutingOptions>>(
            new ConfigurationChangeTokenSource<RoutingOptions>(Options.DefaultName, commerceBusSection)));
        services.TryAddSingleton<RouteTableSource>();

        // A host that registered its own source (the hub's topology, which swaps routes and endpoints together) keeps it.
        services.TryAddSingleton<IRoutingTableSource>(sp => sp.GetRequiredService<RouteTableSource>());
        services.TryAddSingleton<IMessageRouter, MessageRouter>();
        services.AddHostedService<RoutingStartupCheck>();
        return services;
    }

    /// <summary>Maps <c>POST /api/routes/explain</c>; the returned builder is where a host adds authorization.</summary>
    public static IEndpointConventionBuilder MapRouteExplain(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        return endpoints.MapPost(RouteExplainHandler.Pattern, RouteExplainHandler.HandleAsync)
            .WithName("ExplainRoute")
            .Produces<RouteExplanation>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }
}
