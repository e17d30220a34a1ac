using CommerceBus.Abstractions.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Core.Sagas.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CommerceBus.Fulfillment.Saga;

/// <summary>
/// Order fulfillment: Accepted → reserve stock → capture payment → book in the ERP → ship (unless the router skips it)
/// → Completed. Each step has a deadline, kept on the saga row and fired by the <see cref="StepDeadlineSweeper"/>; a refusal or a timeout compensates what was done and fails the order; a
/// cancel before shipping compensates and cancels it once the step in flight has answered (or timed out).
/// </summary>
public sealed class OrderFulfillmentStateMachine : MassTransitStateMachine<OrderSagaRecord>
{
    /// <summary>The saga's receive endpoint.</summary>
    public const string Queue = "order-fulfillment";

    private readonly OrderFulfillmentOptions _options;
    private readonly TimeProvider _clock;
    private readonly StepDeadlineAlarm _alarm;

    public OrderFulfillmentStateMachine(IOptions<OrderFulfillmentOptions> options, TimeProvider clock, StepDeadlineAlarm alarm)
    {
        _options = options.Value;
        _clock = clock;
        _alarm = alarm;
        InstanceState(x => x.CurrentState);

        // Commands from the inbound pipeline carry the tracking id as the bus correlation id; replies carry it in the body.
        Event(() => OrderPlaced, e => e.CorrelateById(ctx => ctx.CorrelationId ?? Guid.Empty));
        Event(() => CancelRequested, e =>
        {
            e.CorrelateById(ctx => ctx.CorrelationId ?? Guid.Empty);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => Resumed, e =>
        {
            e.CorrelateById(ctx => ctx.Message.TrackingId);
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
        // Sent by the step deadline sweep, and by the scheduled jobs of hubs before it (still due after an upgrade).
        Event(() => StepTimedOut, e =>
        {
            e.CorrelateById(ctx => ctx.Message.TrackingId);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(OrderPlaced)
                .Then(ctx =>
                {
                    ctx.Saga.OrderNumber = ctx.Message.OrderNumber!;
                    ctx.Saga.OrderJson = CanonicalJson.Serialize(ctx.Message);
                    ctx.Saga.CreatedAt = Now();
                })
                .ThenAsync(ctx => Project(ctx, null, null))
                .ThenAsync(ctx => PublishAsync(ctx, new OrderAccepted { TrackingId = ctx.Saga.CorrelationId, OrderNumber = ctx.Saga.OrderNumber }))
                .Then(ctx => Await(ctx.Saga, FulfillmentSteps.ReserveStock))
                .ThenAsync(SendStepCommand)
                .Then(AlarmAfterCommit)
                .TransitionTo(ReservingStock));

        During(ReservingStock,
            When(StockWasReserved)
                .Then(ctx => ctx.Saga.StockReserved = true)
                .ThenAsync(ctx => Project(ctx, OrderStatus.StockReserved, null))
                .IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, next => Next(next, FulfillmentSteps.CapturePayment, CapturingPayment)),
            When(StockWasRefused).IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, failed => EndFailed(failed, ctx => ctx.Message.Reason)));

        During(CapturingPayment,
            When(PaymentWasCaptured)
                .Then(ctx => ctx.Saga.PaymentId = ctx.Message.PaymentId)
                .ThenAsync(ctx => Project(ctx, OrderStatus.PaymentCaptured, null))
                .IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, next => Next(next, FulfillmentSteps.BookOrder, Booking)),
            When(PaymentWasDeclined).IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, failed => EndFailed(failed, ctx => ctx.Message.Reason)));

        During(Booking,
            When(OrderWasBooked)
                .Then(ctx => ctx.Saga.BookingId = ctx.Message.BookingId)
                .ThenAsync(ctx => Project(ctx, OrderStatus.Booked, null))
                .IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, next => Next(next, FulfillmentSteps.BookShipment, Shipping)),
            When(BookingWasRefused).IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, failed => EndFailed(failed, ctx => ctx.Message.Reason)));

        During(Shipping,
            When(ShipmentWasBooked)
                .Then(ctx => ctx.Saga.ShipmentTrackingNumber = ctx.Message.ShipmentTrackingNumber)
                .ThenAsync(ctx => Project(ctx, OrderStatus.Shipped, null))
                .Then(ctx => ctx.Saga.Reason = ctx.Saga.CancelRequested ? "a cancel request arrived after the shipment was booked" : null)
                .Then(ctx => Await(ctx.Saga, null))
                .ThenAsync(ctx => Project(ctx, OrderStatus.Completed, null))
                .ThenAsync(ctx => PublishAsync(ctx, CompletedEvent(ctx.Saga)))
                .TransitionTo(Completed),
            When(StepWasSkipped)
                .Then(ctx => Await(ctx.Saga, null))
                .ThenAsync(ctx => Project(ctx, OrderStatus.Completed, null))
                .ThenAsync(ctx => PublishAsync(ctx, CompletedEvent(ctx.Saga)))
                .TransitionTo(Completed),
            When(ShipmentWasRefused).IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, failed => EndFailed(failed, ctx => ctx.Message.Reason)));

        During(ReservingStock, CapturingPayment, Booking, Shipping,
            // A cancel is acted on when the step in flight answers, so nothing is left half done.
            When(CancelRequested)
                .Then(ctx =>
                {
                    ctx.Saga.CancelRequested = true;
                    ctx.Saga.CancelReason = string.IsNullOrWhiteSpace(ctx.Message.Reason) ? "cancelled on request" : ctx.Message.Reason;
                })
                .ThenAsync(ctx => Project(ctx, null, null)),

            // A step that does not answer in time is given up; a stale timeout (of a step already answered) is ignored.
            When(StepTimedOut, ctx => ctx.Message.Step == ctx.Saga.WaitingFor)
                .IfElse(ctx => ctx.Saga.CancelRequested, EndCancelled, failed => EndFailed(failed, ctx => $"timed out waiting for {ctx.Message.Step}")),

            // Re-driven (after a restart, or stalled): ask again for the step in flight (idempotent) and move the re-drive
            // clock, so the next re-drive backs off; the step's deadline stays as stored, and this hub's sweep is told of
            // it (the hub that set it may be gone). A resume sent for an older version of the saga (it progressed, or
            // another resume was applied since) is not acted on twice.
            When(Resumed, ctx => IsCurrent(ctx))
                .Then(ctx => Redriven(ctx.Saga))
                .ThenAsync(SendStepCommand)
                .Then(AlarmAfterCommit));

        // Undoing is confirmed after the order has ended; the confirmations are recorded so a restart re-sends only what is owed.
        DuringAny(
            When(StockWasReleased).Then(ctx => ctx.Saga.StockReleased = true).Then(ctx => Confirmed(ctx.Saga)).ThenAsync(ctx => Project(ctx, null, null)),
            When(PaymentWasRefunded).Then(ctx => ctx.Saga.PaymentRefunded = true).Then(ctx => Confirmed(ctx.Saga)).ThenAsync(ctx => Project(ctx, null, null)),
            When(BookingWasCancelled).Then(ctx => ctx.Saga.BookingCancelled = true).Then(ctx => Confirmed(ctx.Saga)).ThenAsync(ctx => Project(ctx, null, null)));

        // A step that answers after the order ended (it timed out) is undone at once.
        During(Failed, Cancelled,
            When(StockWasReserved, ctx => !ctx.Saga.StockReserved).Then(ctx => ctx.Saga.StockReserved = true).ThenAsync(SendCompensations),
            When(PaymentWasCaptured, ctx => ctx.Saga.PaymentId is null).Then(ctx => ctx.Saga.PaymentId = ctx.Message.PaymentId).ThenAsync(SendCompensations),
            When(OrderWasBooked, ctx => ctx.Saga.BookingId is null).Then(ctx => ctx.Saga.BookingId = ctx.Message.BookingId).ThenAsync(SendCompensations),
            When(ShipmentWasBooked)
                .Then(ctx => ctx.Saga.ShipmentTrackingNumber = ctx.Message.ShipmentTrackingNumber)
                .ThenAsync(ctx => Project(ctx, null, null)),
            When(Resumed, ctx => IsCurrent(ctx)).Then(ctx => Redriven(ctx.Saga)).ThenAsync(ctx => RedriveCompensations(ctx)));

        // Recovery and client re-sends may deliver the start again; an order that is under way ignores it.
        During([ReservingStock, CapturingPayment, Booking, Shipping, Completed, Failed, Cancelled], Ignore(OrderPlaced));
        // A cancel accepted just before the order completed can reach the saga after it did: it is too late to act on,
        // but it is kept, so the saga (and /odata/Sagas) shows that it came; a cancel after an end is nothing new.
        During(Completed,
            When(CancelRequested)
                .Then(ctx =>
                {
                    if (ctx.Saga.CancelRequested)
                    {
                        return;
                    }

                    ctx.Saga.CancelRequested = true;
                    ctx.Saga.CancelReason = string.IsNullOrWhiteSpace(ctx.Message.Reason) ? "cancelled on request" : ctx.Message.Reason;
                    ctx.Saga.Reason ??= "a cancel request arrived after the order completed";
                }));
        During(Failed, Cancelled, Ignore(CancelRequested));
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
    public Event<ResumeOrderFulfillment> Resumed { get; private set; } = null!;
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

    public Event<OrderStepTimedOut> StepTimedOut { get; private set; } = null!;

    private void Reply<T>(System.Linq.Expressions.Expression<Func<Event<T>>> property)
        where T : class, IOrderMessage =>
        Event(property, e =>
        {
            e.CorrelateById(ctx => ctx.Message.TrackingId);
            e.OnMissingInstance(m => m.Discard());
        });

    private EventActivityBinder<OrderSagaRecord, T> Next<T>(EventActivityBinder<OrderSagaRecord, T> binder, string step, State waiting)
        where T : class =>
        binder
            .Then(ctx => Await(ctx.Saga, step))
            .ThenAsync(SendStepCommand)
            .Then(AlarmAfterCommit)
            .TransitionTo(waiting);

    private EventActivityBinder<OrderSagaRecord, T> EndFailed<T>(EventActivityBinder<OrderSagaRecord, T> binder, Func<BehaviorContext<OrderSagaRecord, T>, string> reason)
        where T : class =>
        Compensate(binder)
            .Then(ctx => ctx.Saga.Reason = reason(ctx))
            .ThenAsync(ctx => Project(ctx, OrderStatus.Failed, ctx.Saga.Reason))
            .ThenAsync(ctx => PublishAsync(ctx, new OrderFailed { TrackingId = ctx.Saga.CorrelationId, OrderNumber = ctx.Saga.OrderNumber, Reason = ctx.Saga.Reason! }))
            .TransitionTo(Failed);

    private EventActivityBinder<OrderSagaRecord, T> EndCancelled<T>(EventActivityBinder<OrderSagaRecord, T> binder)
        where T : class =>
        Compensate(binder)
            .Then(ctx => ctx.Saga.Reason = ctx.Saga.CancelReason)
            .ThenAsync(ctx => Project(ctx, OrderStatus.Cancelled, ctx.Saga.Reason))
            .ThenAsync(ctx => PublishAsync(ctx, new OrderCancelled { TrackingId = ctx.Saga.CorrelationId, OrderNumber = ctx.Saga.OrderNumber, Reason = ctx.Saga.Reason ?? "" }))
            .TransitionTo(Cancelled);

    private EventActivityBinder<OrderSagaRecord, T> Compensate<T>(EventActivityBinder<OrderSagaRecord, T> binder)
        where T : class =>
        binder
            .Then(ctx => Await(ctx.Saga, null))
            .ThenAsync(SendCompensations);

    private void Await(OrderSagaRecord saga, string? step)
    {
        // The deadline is written by this transition's save: a step costs no statement of its own for its timeout.
        saga.WaitingFor = step;
        saga.StepDeadline = step is null ? null : Now() + _options.TimeoutFor(step);
        saga.StepTimeoutDueAt = saga.StepDeadline;

        // Progress: the re-drive clock starts again, first due only after RedriveStalledAfter (longer than any endpoint's
        // retry chain, checked at start-up), so a re-drive never overlaps the retries of the command just sent.
        saga.RedriveCount = 0;
        saga.NextRedriveAt = step is null ? null : Now() + _options.RedriveStalledAfter;
    }

    // A compensation was sent anew (the order just ended, or a step answered after it had): the clock starts again.
    private void Compensating(OrderSagaRecord saga)
    {
        saga.RedriveCount = 0;
        saga.NextRedriveAt = Now() + _options.RedriveStalledAfter;
    }

    // Every compensation confirmed: an ended saga owes nothing more.
    private static void Confirmed(OrderSagaRecord saga)
    {
        if (!saga.OwesSomething)
        {
            saga.RedriveCount = 0;
            saga.NextRedriveAt = null;
        }
    }

    // A re-drive backs off: the next one waits twice as long as the last (up to RedriveBackoffLimit).
    private void Redriven(OrderSagaRecord saga)
    {
        saga.RedriveCount++;
        saga.UpdatedAt = Now();
        saga.NextRedriveAt = saga.OwesSomething
            ? Now() + RedriveBackoff.After(saga.RedriveCount, _options.RedriveStalledAfter, _options.RedriveBackoffLimit)
            : null;
    }

    private static bool IsCurrent(BehaviorContext<OrderSagaRecord, ResumeOrderFulfillment> context) =>
        context.Message.SagaVersion is not { } version || version == context.Saga.Version;

    // Once the transition has committed, this hub's deadline sweep is told of the step's deadline (it sleeps until the
    // earliest one it knows); outside a message scope (nothing staged) at once.
    private void AlarmAfterCommit<T>(BehaviorContext<OrderSagaRecord, T> context)
        where T : class
    {
        if (context.Saga.StepTimeoutDueAt is not { } dueAt)
        {
            return;
        }

        if (context.TryGetPayload<IServiceProvider>(out var services) && services.GetService(typeof(SagaSideEffects)) is SagaSideEffects effects)
        {
            effects.AfterCommit(() => _alarm.Expect(dueAt));
            return;
        }

        _alarm.Expect(dueAt);
    }

    private DateTime Now() => _clock.GetUtcNow().UtcDateTime;

    private static Task SendStepCommand<T>(BehaviorContext<OrderSagaRecord, T> context)
        where T : class =>
        PublishAsync(context, FulfillmentSteps.CommandFor(context.Saga, context.Saga.WaitingFor!));

    private async Task SendCompensations<T>(BehaviorContext<OrderSagaRecord, T> context)
        where T : class
    {
        if (await RedriveCompensations(context))
        {
            Compensating(context.Saga);
        }
    }

    private static async Task<bool> RedriveCompensations<T>(BehaviorContext<OrderSagaRecord, T> context)
        where T : class
    {
        var sent = false;
        foreach (var compensation in FulfillmentSteps.CompensationsFor(context.Saga))
        {
            await PublishAsync(context, compensation);
            sent = true;
        }

        return sent;
    }

    // Everything the saga publishes goes through the durable outbox: committed with the saga row, sent after the commit.
    // Outside a message scope (no outbox to stage in) it is published on the consume context, as a plain saga would.
    private static Task PublishAsync<T>(BehaviorContext<OrderSagaRecord, T> context, object message)
        where T : class
    {
        if (context.TryGetPayload<IServiceProvider>(out var services) && services.GetService(typeof(SagaOutbox)) is SagaOutbox outbox)
        {
            outbox.Publish(context, context.Saga.CorrelationId, message);
            return Task.CompletedTask;
        }

        return context.Publish(message, message.GetType(), context.CancellationToken);
    }

    private static OrderCompleted CompletedEvent(OrderSagaRecord saga) => new()
    {
        TrackingId = saga.CorrelationId,
        OrderNumber = saga.OrderNumber,
        ShipmentTrackingNumber = saga.ShipmentTrackingNumber,
    };

    private static Task Project<T>(BehaviorContext<OrderSagaRecord, T> context, OrderStatus? status, string? reason)
        where T : class
    {
        context.Saga.UpdatedAt = context.GetServiceOrCreateInstance<TimeProvider>().GetUtcNow().UtcDateTime;
        // The client's flow id; a message that carried none (a recovery resume) is journaled without one, never under
        // the tracking id (MassTransit's CorrelationId of the saga).
        var correlationId = EnvelopeCodec.CorrelationIdOf(context.Headers.GetAll()) ?? "";
        var projection = context.GetServiceOrCreateInstance<OrderProjection>();

        // Staged for the saga storage to commit with the saga row; outside a message scope, committed on its own.
        if (context.TryGetPayload<IServiceProvider>(out var services) && services.GetService(typeof(SagaSideEffects)) is SagaSideEffects effects)
        {
            projection.Stage(effects, context.Saga, context.Message, status, reason, context.MessageId, correlationId);
            return Task.CompletedTask;
        }

        return projection.ApplyAsync(context.Saga, context.Message, status, reason, context.MessageId, correlationId, context.CancellationToken);
    }
}
