using CommerceBus.Abstractions.Hosting;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Core.Hosting;

/// <summary>The builder <c>AddCommerceBus</c> hands to its configure callback.</summary>
internal sealed class CommerceBusBuilder(IServiceCollection services, IConfiguration configuration) : ICommerceBusBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;

    /// <summary>Bus registrations (consumers of message-driven endpoints) collected before the bus is configured.</summary>
    public List<Action<IBusRegistrationConfigurator>> BusRegistrations { get; } = [];

    /// <summary>Receive endpoints (queue names) whose messages that fail for good are parked in the failed-message store.</summary>
    public HashSet<string> StoredFailureQueues { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The modules' outcome-event fan-outs (consumers that forward events to the <c>IHubEventObserver</c>s): added to the
    /// bus only when an observer is registered.
    /// </summary>
    public List<Action<IBusRegistrationConfigurator>> EventFanouts { get; } = [];

    /// <summary>Registrations of hosted services that send on the bus, so they start after it.</summary>
    public List<Action<IServiceCollection>> AfterBus { get; } = [];
}
