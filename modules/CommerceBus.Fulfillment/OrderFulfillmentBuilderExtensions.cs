using CommerceBus.Abstractions.Hosting;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Core.Dispatch;
using CommerceBus.Core.Hosting;
using CommerceBus.Core.Pipeline;
using CommerceBus.Core.Retention;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Fulfillment.Acceptance;
using CommerceBus.Fulfillment.Recovery;
using CommerceBus.Fulfillment.Saga;
using CommerceBus.Persistence;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Fulfillment;

/// <summary>The order business's one registration entry point.</summary>
public static class OrderFulfillmentBuilderExtensions
{
    /// <summary>
    /// Adds the order business to the hub: <c>PlaceOrder</c> and <c>CancelOrder</c> are validated and accepted (options at
    /// <c>CommerceBus:Orders</c>), the order fulfillment saga runs on its own queue (options at
    /// <c>CommerceBus:Sagas:OrderFulfillment</c>) and sends its step commands through the hub's router, and recovery
    /// re-drives what stalled. Its tables are its own (<see cref="FulfillmentModel"/>), it answers the status queries of
    /// family <c>order</c> and announces the orders' outcome events to the hub's event observers.
    /// </summary>
    public static ICommerceBusBuilder AddOrderFulfillment(this ICommerceBusBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OrderOptions>().Bind(builder.Configuration.GetSection("Orders"));
        services.AddOptions<OrderFulfillmentOptions>().Bind(builder.Configuration.GetSection("Sagas:OrderFulfillment"));

        services.AddSingleton<ICommandValidator, PlaceOrderValidator>();
        services.AddSingleton<ICommandValidator, CancelOrderValidator>();
        services.AddSingleton<ICommandAcceptor, PlaceOrderAcceptor>();
        services.AddSingleton<ICommandAcceptor, CancelOrderAcceptor>();
        services.AddSingleton<OrderProjection>();
        services.AddSingleton<StepDeadlineAlarm>();
        services.AddSingleton<IHubModelContributor, FulfillmentModel>();
        services.AddSingleton<IStatusSource, OrderStatusSource>();
        services.AddSingleton<IRetainedTable, FinishedOrdersRetention>();

        builder.ConfigureBus(bus =>
        {
            bus.AddSagaStateMachine<OrderFulfillmentStateMachine, OrderSagaRecord>()
                .Endpoint(e => e.Name = OrderFulfillmentStateMachine.Queue)
                .StorageRepository();

            AddStep<ReserveStock>(bus);
            AddStep<ReleaseStock>(bus);
            AddStep<CapturePayment>(bus);
            AddStep<RefundPayment>(bus);
            AddStep<BookOrder>(bus);
            AddStep<CancelBooking>(bus);
            AddStep<BookShipment>(bus);
        });
        builder.AddEventFanout(bus => bus.AddConsumer<OrderEventFanoutConsumer>().Endpoint(e => e.Name = OrderEventFanoutConsumer.Queue));
        builder.ParkFailuresOf(OrderFulfillmentStateMachine.Queue);

        services.AddHostedService<StepTimeoutStartupCheck>();
        services.AddHostedService<RedriveStartupCheck>();
        builder.AddHostedServiceAfterBus<OrderRecovery>();
        builder.AddHostedServiceAfterBus<StepDeadlineSweeper>();
        return builder;
    }

    // A step command goes where the router sends it; a route with no endpoints tells the saga the step is not needed.
    private static void AddStep<TCommand>(IBusRegistrationConfigurator bus)
        where TCommand : class, IOrderMessage =>
        bus.AddRoutedCommand<TCommand>(c => c.OrderNumber, c => c.TrackingId, (c, skipped) => new StepSkipped(c.TrackingId, c.OrderNumber, skipped.MessageType, skipped.Route));
}
