using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using MassTransit;

namespace CommerceBus.Core.Sagas;

/// <summary>
/// Order fulfillment: Accepted → reserve stock → capture payment → book in the ERP → ship (unless the router skips it)
/// → Completed. A refusal compensates what was done and fails the order; a cancel before shipping compensates and
/// cancels it once the step in flight has answered.
/// </summary>
public sealed class OrderFulfillmentStateMachine : MassTransitStateMachine<OrderState>
{
    public OrderFulfillmentStateMachine()
    {
        InstanceState(x => x.CurrentState);

        // Commands from the inbound pipeline carry the tracking id as the bus correlation id; replies carry it in the body.
        Event(() => OrderPlaced, e => e.CorrelateById(ctx => ctx.CorrelationId ?? Guid.Empty));
        Event(() => CancelRequested, e =>
        {
            e.CorrelateById(ctx => ctx.CorrelationId ?? Guid.Empty);
            e.OnMissingInstance(m => m.Discard());
        });
        Reply(() => StockWasReserved);
        Reply(() => StockWasRefused);
        Reply(() => StockWasReleased);
        Reply(() => PaymentWasCaptured);
        Reply(() => PaymentWasDeclined);
        Reply(() => PaymentWasRefunded);
        Reply(() => OrderWasBooked);
        Reply(() => BookingWasRefused);
        Reply(() => BookingWasCancelled);
        Reply(() => ShipmentWasBooked);
        Reply(() => ShipmentWasRefused);
        Reply(() => StepWasSkipped);

        Initially(
            When(OrderPlaced)
                .Then(ctx =>
                {
                    ctx.Saga.OrderNumber = ctx.Message.OrderNumber!;
                    ctx.Saga.OrderJson = CanonicalJson.Serialize(ctx.Message);
                    ctx.Saga.CreatedAt = DateTime.UtcNow;
                })
                .ThenAsync(ctx => Project(ctx, null, null))
                .Publish(ctx => new OrderAccepted { TrackingId = ctx.Saga.CorrelationId, OrderNumber = ctx.Saga.OrderNumber })
                .Publish(ctx => new ReserveStock(ctx.Saga.CorrelationId, ctx.Saga.OrderNumber, ctx.Saga.Lines()))
                .TransitionTo(ReservingStock));

        During(ReservingStock,
            When(StockWasReserved)
                .Then(ctx => ctx.Saga.StockReserved = true)
                .ThenAsync(ctx => Project(ctx, OrderStatus.StockReserved, null))
                .IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, next => next
                    .Publish(ctx => CapturePaymentFor(ctx.Saga))
                    .TransitionTo(CapturingPayment)),
            When(StockWasRefused).IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, failed => EndFailed(failed, ctx => ctx.Message.Reason)));

        During(CapturingPayment,
            When(PaymentWasCaptured)
                .Then(ctx => ctx.Saga.PaymentId = ctx.Message.PaymentId)
                .ThenAsync(ctx => Project(ctx, OrderStatus.PaymentCaptured, null))
                .IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, next => next
                    .Publish(ctx => BookOrderFor(ctx.Saga))
                    .TransitionTo(Booking)),
            When(PaymentWasDeclined).IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, failed => EndFailed(failed, ctx => ctx.Message.Reason)));

        During(Booking,
            When(OrderWasBooked)
                .Then(ctx => ctx.Saga.BookingId = ctx.Message.BookingId)
                .ThenAsync(ctx => Project(ctx, OrderStatus.Booked, null))
                .IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, next => next
                    .Publish(ctx => BookShipmentFor(ctx.Saga))
                    .TransitionTo(Shipping)),
            When(BookingWasRefused).IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, failed => EndFailed(failed, ctx => ctx.Message.Reason)));

        During(Shipping,
            When(ShipmentWasBooked)
                .Then(ctx => ctx.Saga.ShipmentTrackingNumber = ctx.Message.ShipmentTrackingNumber)
                .ThenAsync(ctx => Project(ctx, OrderStatus.Shipped, null))
                .Then(ctx => ctx.Saga.Reason = ctx.Saga.CancelRequested ? "a cancel request arrived after the shipment was booked" : null)
                .ThenAsync(ctx => Project(ctx, OrderStatus.Completed, null))
                .Publish(ctx => CompletedEvent(ctx.Saga))
                .TransitionTo(Completed),
            When(StepWasSkipped)
                .ThenAsync(ctx => Project(ctx, OrderStatus.Completed, null))
                .Publish(ctx => CompletedEvent(ctx.Saga))
                .TransitionTo(Completed),
            When(ShipmentWasRefused).IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, failed => EndFailed(failed, ctx => ctx.Message.Reason)));

        // A cancel is acted on when the step in flight answers, so nothing is left half done.
        During(ReservingStock, CapturingPayment, Booking, Shipping,
            When(CancelRequested)
                .Then(ctx =>
                {
                    ctx.Saga.CancelRequested = true;
                    ctx.Saga.CancelReason = string.IsNullOrWhiteSpace(ctx.Message.Reason) ? "cancelled on request" : ctx.Message.Reason;
                })
                .ThenAsync(ctx => Project(ctx, null, null)));

        // Compensations are confirmed after the order has ended; they are journaled, nothing else changes.
        DuringAny(
            When(StockWasReleased).ThenAsync(ctx => Project(ctx, null, null)),
            When(PaymentWasRefunded).ThenAsync(ctx => Project(ctx, null, null)),
            When(BookingWasCancelled).ThenAsync(ctx => Project(ctx, null, null)));

        // Recovery and client re-sends may deliver the start again; an order that is under way ignores it.
        During([ReservingStock, CapturingPayment, Booking, Shipping, Completed, Failed, Cancelled], Ignore(OrderPlaced));
        During(Completed, Failed, Cancelled, Ignore(CancelRequested));
        OnUnhandledEvent(ctx => ctx.Ignore());
    }

    public State ReservingStock { get; private set; } = null!;
    public State CapturingPayment { get; private set; } = null!;
    public State Booking { get; private set; } = null!;
    public State Shipping { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;

    public Event<PlaceOrder> OrderPlaced { get; private set; } = null!;
    public Event<CancelOrder> CancelRequested { get; private set; } = null!;
    public Event<StockReserved> StockWasReserved { get; private set; } = null!;
    public Event<StockRefused> StockWasRefused { get; private set; } = null!;
    public Event<StockReleased> StockWasReleased { get; private set; } = null!;
    public Event<PaymentCaptured> PaymentWasCaptured { get; private set; } = null!;
    public Event<PaymentDeclined> PaymentWasDeclined { get; private set; } = null!;
    public Event<PaymentRefunded> PaymentWasRefunded { get; private set; } = null!;
    public Event<OrderBooked> OrderWasBooked { get; private set; } = null!;
    public Event<BookingRefused> BookingWasRefused { get; private set; } = null!;
    public Event<BookingCancelled> BookingWasCancelled { get; private set; } = null!;
    public Event<ShipmentBooked> ShipmentWasBooked { get; private set; } = null!;
    public Event<ShipmentRefused> ShipmentWasRefused { get; private set; } = null!;
    public Event<StepSkipped> StepWasSkipped { get; private set; } = null!;

    private void Reply<T>(System.Linq.Expressions.Expression<Func<Event<T>>> property)
        where T : class, IOrderMessage =>
        Event(property, e =>
        {
            e.CorrelateById(ctx => ctx.Message.TrackingId);
            e.OnMissingInstance(m => m.Discard());
        });

    private EventActivityBinder<OrderState, T> EndFailed<T>(EventActivityBinder<OrderState, T> binder, Func<BehaviorContext<OrderState, T>, string> reason)
        where T : class =>
        Compensate(binder)
            .Then(ctx => ctx.Saga.Reason = reason(ctx))
            .ThenAsync(ctx => Project(ctx, OrderStatus.Failed, ctx.Saga.Reason))
            .Publish(ctx => new OrderFailed { TrackingId = ctx.Saga.CorrelationId, OrderNumber = ctx.Saga.OrderNumber, Reason = ctx.Saga.Reason! })
            .TransitionTo(Failed);

    private EventActivityBinder<OrderState, T> EndCancelled<T>(EventActivityBinder<OrderState, T> binder)
        where T : class =>
        Compensate(binder)
            .Then(ctx => ctx.Saga.Reason = ctx.Saga.CancelReason)
            .ThenAsync(ctx => Project(ctx, OrderStatus.Cancelled, ctx.Saga.Reason))
            .Publish(ctx => new OrderCancelled { TrackingId = ctx.Saga.CorrelationId, OrderNumber = ctx.Saga.OrderNumber, Reason = ctx.Saga.Reason ?? "" })
            .TransitionTo(Cancelled);

    private static EventActivityBinder<OrderState, T> Compensate<T>(EventActivityBinder<OrderState, T> binder)
        where T : class =>
        binder
            .If(ctx => ctx.Saga.BookingId is not null, b => b.Publish(ctx => new CancelBooking(ctx.Saga.CorrelationId, ctx.Saga.OrderNumber, ctx.Saga.Order().Region!, ctx.Saga.BookingId!)))
            .If(ctx => ctx.Saga.PaymentId is not null, b => b.Publish(ctx => new RefundPayment(ctx.Saga.CorrelationId, ctx.Saga.OrderNumber, ctx.Saga.PaymentId!, ctx.Saga.Order().Total(), ctx.Saga.Order().Currency!)))
            .If(ctx => ctx.Saga.StockReserved, b => b.Publish(ctx => new ReleaseStock(ctx.Saga.CorrelationId, ctx.Saga.OrderNumber, ctx.Saga.Lines())));

    private static CapturePayment CapturePaymentFor(OrderState saga)
    {
        var order = saga.Order();
        return new CapturePayment(saga.CorrelationId, saga.OrderNumber, order.CustomerId!, order.Total(), order.Currency!);
    }

    private static BookOrder BookOrderFor(OrderState saga)
    {
        var order = saga.Order();
        return new BookOrder(saga.CorrelationId, saga.OrderNumber, order.CustomerId!, order.Region!, order.Currency!, order.Total(), saga.Lines());
    }

    private static BookShipment BookShipmentFor(OrderState saga)
    {
        var to = saga.Order().ShipTo!;
        return new BookShipment(saga.CorrelationId, saga.OrderNumber, new ShippingAddress(to.Name!, to.Street!, to.City!, to.PostalCode!, to.Country!), saga.Lines());
    }

    private static OrderCompleted CompletedEvent(OrderState saga) => new()
    {
        TrackingId = saga.CorrelationId,
        OrderNumber = saga.OrderNumber,
        ShipmentTrackingNumber = saga.ShipmentTrackingNumber,
    };

    private static Task Project<T>(BehaviorContext<OrderState, T> context, OrderStatus? status, string? reason)
        where T : class
    {
        context.Saga.UpdatedAt = DateTime.UtcNow;
        var correlationId = context.Headers.Get<string>(EnvelopeHeaders.CorrelationId) ?? context.Saga.CorrelationId.ToString();
        return context.GetServiceOrCreateInstance<OrderProjection>()
            .ApplyAsync(context.Saga, context.Message, status, reason, context.MessageId, correlationId, context.CancellationToken);
    }
}
