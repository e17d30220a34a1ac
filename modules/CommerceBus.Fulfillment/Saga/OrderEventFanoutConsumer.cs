using CommerceBus.Abstractions.Envelope;
using CommerceBus.Abstractions.Events;
using CommerceBus.Contracts.Orders;
using MassTransit;

namespace CommerceBus.Fulfillment.Saga;

/// <summary>
/// Forwards the saga's order outcome events to every <see cref="IHubEventObserver"/> (family <see cref="OrderFamily.Name"/>),
/// with the flow's correlation id. A failing observer fails the message, so the bus retries it (observers hear an event
/// at least once).
/// </summary>
public sealed class OrderEventFanoutConsumer(IEnumerable<IHubEventObserver> observers) :
    IConsumer<OrderAccepted>, IConsumer<OrderCompleted>, IConsumer<OrderFailed>, IConsumer<OrderCancelled>
{
    /// <summary>The fan-out's own queue, so it hears every outcome event once per hub.</summary>
    public const string Queue = "commercebus-order-events";

    public Task Consume(ConsumeContext<OrderAccepted> context) =>
        NotifyAsync(context, "Accepted", context.Message.OrderNumber, context.Message.TrackingId, context.Message.Status, null);

    public Task Consume(ConsumeContext<OrderCompleted> context) =>
        NotifyAsync(context, "Completed", context.Message.OrderNumber, context.Message.TrackingId, context.Message.Status, null);

    public Task Consume(ConsumeContext<OrderFailed> context) =>
        NotifyAsync(context, "Failed", context.Message.OrderNumber, context.Message.TrackingId, context.Message.Status, context.Message.Reason);

    public Task Consume(ConsumeContext<OrderCancelled> context) =>
        NotifyAsync(context, "Cancelled", context.Message.OrderNumber, context.Message.TrackingId, context.Message.Status, context.Message.Reason);

    private async Task NotifyAsync(ConsumeContext context, string kind, string orderNumber, Guid trackingId, string status, string? reason)
    {
        var notice = new HubEventNotice(
            context.MessageId ?? Guid.NewGuid(),
            OrderFamily.Name,
            kind,
            orderNumber,
            trackingId,
            status,
            string.IsNullOrEmpty(reason) ? null : reason,
            EnvelopeCodec.CorrelationIdOf(context.Headers.GetAll()));
        foreach (var observer in observers)
        {
            await observer.OnEventAsync(notice, context.CancellationToken);
        }
    }
}
