using CommerceBus.Abstractions.Envelope;
using CommerceBus.Abstractions.Events;
using CommerceBus.Contracts.Orders;
using MassTransit;

namespace CommerceBus.Core.Bus;

/// <summary>
/// Forwards the saga's order outcome events to every <see cref="IOrderEventObserver"/>, with the flow's correlation id.
/// A failing observer fails the message, so the bus retries it (observers hear an event at least once).
/// </summary>
public sealed class OrderEventFanoutConsumer(IEnumerable<IOrderEventObserver> observers) :
    IConsumer<OrderAccepted>, IConsumer<OrderCompleted>, IConsumer<OrderFailed>, IConsumer<OrderCancelled>
{
    /// <summary>The fan-out's own queue, so it hears every outcome event once per hub.</summary>
    public const string Queue = "commercebus-order-events";

    public Task Consume(ConsumeContext<OrderAccepted> context) =>
        NotifyAsync(context, OrderEventKind.Accepted, context.Message.OrderNumber, context.Message.TrackingId, context.Message.Status, null);

    public Task Consume(ConsumeContext<OrderCompleted> context) =>
        NotifyAsync(context, OrderEventKind.Completed, context.Message.OrderNumber, context.Message.TrackingId, context.Message.Status, null);

    public Task Consume(ConsumeContext<OrderFailed> context) =>
        NotifyAsync(context, OrderEventKind.Failed, context.Message.OrderNumber, context.Message.TrackingId, context.Message.Status, context.Message.Reason);

    public Task Consume(ConsumeContext<OrderCancelled> context) =>
        NotifyAsync(context, OrderEventKind.Cancelled, context.Message.OrderNumber, context.Message.TrackingId, context.Message.Status, context.Message.Reason);

    private async Task NotifyAsync(ConsumeContext context, OrderEventKind kind, string orderNumber, Guid trackingId, string status, string? reason)
    {
        var notice = new OrderEventNotice(
            context.MessageId ?? Guid.NewGuid(),
            kind,
            orderNumber,
            trackingId,
            status,
            string.IsNullOrEmpty(reason) ? null : reason,
            EnvelopeCodec.CorrelationIdOf(context.Headers.GetAll()));
        foreach (var observer in observers)
        {
            await observer.OnOrderEventAsync(notice, context.CancellationToken);
        }
    }
}
