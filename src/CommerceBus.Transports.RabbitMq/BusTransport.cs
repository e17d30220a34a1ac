using System.Runtime.CompilerServices;
using MassTransit;
using Microsoft.Extensions.Configuration;

using CommerceBus.Core.Bus;

namespace CommerceBus.Transports.RabbitMq;

/// <summary>
/// Chooses the bus transport from configuration: RabbitMQ when <c>CommerceBus:RabbitMq:ConnectionString</c> is set,
/// the embedded in-memory transport otherwise. The hub and a separately hosted endpoint (Inventory) choose alike.
/// </summary>
public static class BusTransport
{
    /// <param name="bus">The bus registration.</param>
    /// <param name="commerceBus">The <c>CommerceBus</c> configuration section.</param>
    /// <param name="configure">What is the same on every transport (filters); the registered endpoints are configured after it.</param>
    public static void UsingHubTransport(
        this IBusRegistrationConfigurator bus,
        IConfiguration commerceBus,
        Action<IBusRegistrationContext, IBusFactoryConfigurator> configure)
    {
        var rabbit = RabbitMqBusOptions.From(commerceBus);
        if (!rabbit.Enabled)
        {
            bus.UsingInMemory((context, cfg) =>
            {
                configure(context, cfg);
                cfg.ConfigureEndpoints(context);
            });
            return;
        }

        UsingRabbitMq(bus, rabbit, configure);
    }

    /// <summary>
    /// In a method of its own, compiled only when called, so that a hub on the in-memory transport never loads
    /// MassTransit's RabbitMQ transport or RabbitMQ.Client (idle memory, issue 21 item 3).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UsingRabbitMq(IBusRegistrationConfigurator bus, RabbitMqBusOptions rabbit, Action<IBusRegistrationContext, IBusFactoryConfigurator> configure) =>
        bus.UsingRabbitMq((context, cfg) =>
        {
            // Queues and exchanges are durable and messages persistent by MassTransit's RabbitMQ defaults; publisher
            // confirms make a send complete only once the broker has the message. The connection is re-established
            // by MassTransit after a broker restart, and the receive endpoints resume on their own.
            cfg.Host(new Uri(rabbit.ConnectionString!), host =>
            {
                host.PublisherConfirmation = true;
                host.Heartbeat(TimeSpan.FromSeconds(10));
            });
            cfg.PrefetchCount = rabbit.PrefetchCount;
            cfg.ConcurrentMessageLimit = rabbit.ConcurrentMessageLimit;
            cfg.Durable = true;
            configure(context, cfg);
            cfg.ConfigureEndpoints(context);
        });
}
