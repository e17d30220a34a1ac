using CommerceBus.Abstractions.Hosting;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Core.Dispatch;
using CommerceBus.Core.Hosting;
using CommerceBus.Core.Pipeline;
using CommerceBus.Core.Sagas;
using CommerceBus.Core.Sagas.Storage;
using CommerceBus.Fulfillment.Acceptance;
using CommerceBus.Fulfillment.Recovery;
using CommerceBus.Fulfillment.Saga;
using Microsoft.Extensions.DependencyInjection;

namespace CommerceBus.Fulfillment;

/// <summary>The order business's one registration entry point.</summary>
public static class OrderFulfillmentBuilderExtensions
{
    /// <summary>
    /// Adds the order business to the hub: <c>PlaceOrder</c> and <c>CancelOrder</c> are validated and accepted (options at
    /// <c>CommerceBus:Orders</c>), the order fulfillment saga runs on its own queue (options at
    /// <c>CommerceBus:Sagas:OrderFulfillment</c>) and sends its step commands through the hub's router, and recovery
    /// re-drives what stalled.
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

        builder.ConfigureBus(bus =>
        {
            bus.AddSagaStateMachine<OrderFulfillmentStateMachine, OrderSagaRecord>()
                .Endpoint(e => e.Name = OrderFulfillmentStateMachine.Queue)
                .StorageRepository();

            bus.AddRoutedCommand<ReserveStock>();
            bus.AddRoutedCommand<ReleaseStock>();
            bus.AddRoutedCommand<CapturePayment>();
            bus.AddRoutedCommand<RefundPayment>();
            bus.AddRoutedCommand<BookOrder>();
            bus.AddRoutedCommand<CancelBooking>();
            bus.AddRoutedCommand<BookShipment>();
        });
        builder.ParkFailuresOf(OrderFulfillmentStateMachine.Queue);

        services.AddHostedService<StepTimeoutStartupCheck>();
        services.AddHostedService<RedriveStartupCheck>();
        builder.AddHostedServiceAfterBus<OrderRecovery>();
        return builder;
    }
}
