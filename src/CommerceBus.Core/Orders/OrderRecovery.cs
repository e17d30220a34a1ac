using CommerceBus.Contracts;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Dispatch;
using CommerceBus.Core.Hosting;
using CommerceBus.Core.Persistence;
using CommerceBus.Core.Routing;
using CommerceBus.Core.Sagas;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Core.Orders;

/// <summary>
/// At start-up, re-drives every order the hub accepted and has not finished, from what is on disk: a saga that waits
/// on a step is resumed from its stored state (the step's command again, its timeout from the stored deadline); an
/// ended saga that still owes compensations sends them again; an accepted order with no saga yet is started. Endpoints
/// are called idempotently, so what had been done before the stop is not done twice.
/// </summary>
/// <remarks>
/// While the hub runs, the same re-drive is applied to each order that has made no progress for
/// <see cref="OrderFulfillmentOptions.RedriveStalledAfter"/>: the database commit and the send to the bus are two steps,
/// and a send lost between them (the broker restarted under it) must not strand the order until the next start.
/// </remarks>
internal sealed partial class OrderRecovery(
    IDbContextFactory<HubDbContext> contexts,
    IMessageRouter router,
    EndpointDispatcher dispatcher,
    IBus bus,
    TimeProvider clock,
    IOptions<OrderFulfillmentOptions> options,
    ILogger<OrderRecovery> logger) : BackgroundService
{
    private static readonly string[] TerminalOrders = [nameof(OrderStatus.Completed), nameof(OrderStatus.Failed), nameof(OrderStatus.Cancelled)];
    private static readonly string[] EndedSagas = ["Completed", "Failed", "Cancelled"];
    private static readonly TimeSpan RedriveTimeout = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RecoverAsync(stalledBefore: null, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // What was not re-driven now has made no progress since before the start: the sweep below takes it.
            LogSweepFailed(logger, ex);
        }

        var stalledAfter = options.Value.RedriveStalledAfter;
        var interval = TimeSpan.FromTicks(Math.Max(stalledAfter.Ticks / 2, TimeSpan.FromSeconds(1).Ticks));
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RecoverAsync(clock.GetUtcNow().UtcDateTime - stalledAfter, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or the broker may be away for a while; the next round tries again. A send that timed out
                // throws OperationCanceledException too: only the hub's own stop may end this loop.
                LogSweepFailed(logger, ex);
            }
        }
    }

    // stalledBefore: null at start-up (every unfinished order); otherwise only the orders and sagas not updated since.
    private async Task RecoverAsync(DateTime? stalledBefore, CancellationToken stoppingToken)
    {
        List<OrderRecord> orders;
        List<OrderSagaRecord> sagas;
        await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
        {
            var unfinished = db.Orders.AsNoTracking().Where(o => !TerminalOrders.Contains(o.Status));
            var candidates = db.OrderSagas.AsNoTracking();
            if (stalledBefore is { } stalled)
            {
                unfinished = unfinished.Where(o => o.UpdatedAt < stalled);
                candidates = candidates.Where(s => s.UpdatedAt < stalled);
            }

            orders = await unfinished.ToListAsync(stoppingToken);
            var orderIds = orders.Select(o => o.TrackingId).ToList();
            var stalledSagas = candidates.Select(s => s.CorrelationId);
            sagas = await db.OrderSagas.AsNoTracking()
                .Where(s => stalledSagas.Contains(s.CorrelationId) || orderIds.Contains(s.CorrelationId))
                .Where(s => !EndedSagas.Contains(s.CurrentState)
                    || orderIds.Contains(s.CorrelationId)
                    || (s.StockReserved && !s.StockReleased)
                    || (s.PaymentId != null && !s.PaymentRefunded)
                    || (s.BookingId != null && !s.BookingCancelled))
                .ToListAsync(stoppingToken);
        }

        var resumable = sagas
            .Where(s => (stalledBefore is null || s.UpdatedAt < stalledBefore) && (!EndedSagas.Contains(s.CurrentState) || s.CompensationPending))
            .ToList();
        var sagaIds = sagas.Select(s => s.CorrelationId).ToHashSet();
        var unstarted = orders.Where(o => !sagaIds.Contains(o.TrackingId)).ToList();
        if (resumable.Count == 0 && unstarted.Count == 0 && orders.All(o => o.CancelRequestedAt is null))
        {
            return;
        }

        if (stalledBefore is null)
        {
            LogRecovering(logger, resumable.Count, unstarted.Count);
        }
        else
        {
            LogRedrivingStalled(logger, resumable.Count, unstarted.Count);
        }

        foreach (var saga in resumable)
        {
            await TryAsync(saga.OrderNumber, token => ResumeAsync(saga, token), stoppingToken);
        }

        foreach (var order in orders)
        {
            var saga = sagas.FirstOrDefault(s => s.CorrelationId == order.TrackingId);
            await TryAsync(order.OrderNumber, async token =>
            {
                if (saga is null)
                {
                    await RedriveAsync(order, (PlaceOrder)CanonicalJson.Deserialize(order.CommandJson, typeof(PlaceOrder))!, token);
                }

                // A cancel accepted on disk but not yet seen by the saga is handed to it again.
                if (order.CancelRequestedAt is not null && saga?.CancelRequested != true)
                {
                    await RedriveAsync(order, new CancelOrder { OrderNumber = order.OrderNumber, Reason = order.CancelReason }, token);
                }
            }, stoppingToken);
        }

        LogRecovered(logger, resumable.Count, unstarted.Count);
    }

    // Each order's re-drive is bounded: a send on a channel the broker dropped can wait for a confirm that never comes,
    // and one such send must not hold up every other order (or every later sweep). Given up, it is tried again later.
    private async Task TryAsync(string orderNumber, Func<CancellationToken, Task> redrive, CancellationToken stoppingToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bounded.CancelAfter(RedriveTimeout);
        try
        {
            await redrive(bounded.Token).WaitAsync(bounded.Token);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogRedriveFailed(logger, ex, orderNumber);
        }
    }

    private async Task ResumeAsync(OrderSagaRecord saga, CancellationToken cancellationToken)
    {
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{BusRegistration.FulfillmentQueue}"));
        await endpoint.Send(new ResumeOrderFulfillment(saga.CorrelationId, saga.OrderNumber), context =>
        {
            context.CorrelationId = saga.CorrelationId;
            context.Headers.Set(EnvelopeHeaders.SourceAdapter, "recovery");
        }, cancellationToken);
    }

    private async Task RedriveAsync(OrderRecord order, object command, CancellationToken cancellationToken)
    {
        var envelope = new MessageEnvelope
        {
            MessageId = Guid.NewGuid(),
            CorrelationId = order.CorrelationId,
            SourceAdapter = "recovery",
            MessageType = CanonicalTypes.VersionedNameOf(command.GetType()),
            ReceivedAt = clock.GetUtcNow(),
        };
        var route = router.Route(new RoutableMessage(envelope.MessageType, envelope.Headers, CanonicalJson.ToElement(command)));
        await dispatcher.DispatchAsync(new DispatchRequest(command, envelope, route, order.TrackingId), cancellationToken);
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "Recovery: resuming {Sagas} saga(s) from their stored state and starting {Unstarted} accepted order(s) that had no saga yet")]
    private static partial void LogRecovering(ILogger logger, int sagas, int unstarted);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Recovery: {Sagas} saga(s) resumed, {Unstarted} order(s) started")]
    private static partial void LogRecovered(ILogger logger, int sagas, int unstarted);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Re-driving stalled work: resuming {Sagas} saga(s) that made no progress and starting {Unstarted} accepted order(s) whose saga never started")]
    private static partial void LogRedrivingStalled(ILogger logger, int sagas, int unstarted);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Re-driving stalled orders failed; the next round tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error, Message = "Recovery could not re-drive order {OrderNumber}; it is tried again once it has made no progress for RedriveStalledAfter")]
    private static partial void LogRedriveFailed(ILogger logger, Exception exception, string orderNumber);
}
