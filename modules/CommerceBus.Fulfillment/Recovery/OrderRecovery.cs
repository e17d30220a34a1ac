using CommerceBus.Abstractions.Envelope;
using CommerceBus.Contracts;
using CommerceBus.Contracts.Envelope;
using CommerceBus.Contracts.Fulfillment;
using CommerceBus.Contracts.Json;
using CommerceBus.Contracts.Orders;
using CommerceBus.Core.Dispatch;
using CommerceBus.Core.Duties;
using CommerceBus.Core.Endpoints;
using CommerceBus.Core.Failures;
using CommerceBus.Core.Journal;
using CommerceBus.Core.Scheduling;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Fulfillment.Saga;
using CommerceBus.Persistence;
using CommerceBus.Persistence.Coordination;
using CommerceBus.Routing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Fulfillment.Recovery;

/// <summary>
/// Re-drives what the hub owes and has stopped moving, from what is on disk: a saga that waits on a step is resumed
/// from its stored state (the step's command again; its deadline stays on its row, for the deadline sweep); a failed or cancelled saga
/// whose compensations are not all confirmed sends the missing ones again; an accepted order with no saga yet is
/// started, and a cancel its saga has not seen is handed to it. A completed saga owes nothing. Endpoints are called
/// idempotently, so what had been done before is not done twice.
/// </summary>
/// <remarks>
/// <para>
/// Each saga carries a re-drive clock (<see cref="OrderSagaRecord.NextRedriveAt"/>): set by the saga to
/// <see cref="OrderFulfillmentOptions.RedriveStalledAfter"/> after each step it sends (longer than any endpoint's delayed
/// retries plus the scheduler's polling, checked at start-up, so the retry chain of that send has normally ended by then),
/// moved on by each re-drive with an exponential backoff, cleared when the saga owes nothing. Every
/// <c>RedriveStalledAfter / 2</c> the sweep reads only the sagas whose clock is due (an index on the column), and for
/// them, in one query, their journal entries (an index on the order number): its cost does not grow with the orders
/// the hub has finished.
/// </para>
/// <para>
/// A step or compensation that is parked in the failed-message store is the operator's: it is not re-driven (that would
/// start a second retry chain and park it again), and the saga's clock is cleared. Nor is one whose delivery chain
/// still shows progress in the journal, however long it has taken (the scheduler's polling, a loaded machine): the
/// newest entry of an endpoint's chain is a redelivery waiting in the scheduler (<see cref="JournalOutcomes.Redelivering"/>;
/// waited for until its endpoint's delays in all, one polling interval and <c>RedriveStalledAfter</c> have passed since),
/// or an entry of the chain is newer than <c>now - RedriveStalledAfter</c>. Its clock moves on instead and the chain is
/// left to run; a second chain beside it would deliver twice and park twice. At start-up with the in-memory bus
/// every message and delayed redelivery in flight died with the process, so every saga that owes something is resumed
/// at once (but a redelivery Hangfire on PostgreSQL still holds is waited for); with the bus on RabbitMQ the broker still
/// holds them, and only the sagas whose clock is due are, by the same rules.
/// </para>
/// </remarks>
internal sealed partial class OrderRecovery(
    IDbContextFactory<HubDbContext> contexts,
    IMessageRouter router,
    EndpointDispatcher dispatcher,
    IBus bus,
    DutyRunner duties,
    IHubCoordination coordination,
    IScheduledMessageJobs scheduler,
    EndpointTopology topology,
    IOptions<SchedulerOptions> schedulerOptions,
    TimeProvider clock,
    IOptions<OrderFulfillmentOptions> options,
    ILogger<OrderRecovery> logger) : BackgroundService
{
    private static readonly string[] UnfinishedOrders = [.. Enum.GetValues<OrderStatus>().Where(s => !s.IsTerminal()).Select(s => s.ToString())];
    private static readonly TimeSpan RedriveTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A comment on every statement of the re-drive, so it can be told apart in the database's own logs.</summary>
    public const string QueryTag = "CommerceBus: stalled-order re-drive";

    /// <summary>The periodic sweep's name in <c>duty_runs</c> and on <c>commercebus_duty_runs_total</c>.</summary>
    public const string Duty = "stalled-redrive";

    /// <summary>The start-up recovery's name there: one run per hub start that found no other hub live.</summary>
    public const string StartupDuty = "startup-recovery";

    // A sweep re-drives at most this many sagas; the rest are due still and taken by the next sweep.
    private const int SweepBatch = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Before this hub's adapters start: what is on disk from before it is what a crash may have left.
        var startedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            if (coordination.OthersWereLive)
            {
                LogOthersLive(logger);
            }
            else
            {
                await duties.RunHereAsync(StartupDuty, token => RecoverAsync(atStart: true, startedAt, token), stoppingToken);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // What was not re-driven now is still due: the sweep below takes it.
            LogSweepFailed(logger, ex);
        }

        using var timer = new PeriodicTimer(options.Value.RedriveInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await duties.RunAsync(Duty, token => RecoverAsync(atStart: false, startedAt, token), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The database or the broker may be away for a while; the next round tries again. A send that timed out
                // throws OperationCanceledException too: only the hub's own stop may end this loop.
                LogSweepFailed(logger, ex);
            }
        }
    }

    // Returns how many sagas and orders it re-drove or handed to the operator.
    private async Task<int> RecoverAsync(bool atStart, DateTime startedAt, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var everythingInFlightLost = atStart && bus.Address.Scheme == "loopback";
        List<PendingOrder> orders;
        List<OrderSagaRecord> due;
        List<ParkedMessage> parked = [];
        List<ChainEntry> chains = [];
        await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
        {
            // Accepted orders whose saga never took them, or whose saga has not seen their cancel (both on the saga row,
            // made with the order; IN on the index on its status).
            var pending = db.OrderSagas.AsNoTracking().TagWith(QueryTag)
                .Where(s => UnfinishedOrders.Contains(s.Status)
                    && (s.CurrentState == OrderFulfillmentStates.NotStarted || (s.CancelRequestedAt != null && !s.CancelRequested)));
            var stalledBefore = atStart ? startedAt : now - options.Value.RedriveStalledAfter;
            pending = pending.Where(s => s.UpdatedAt < stalledBefore);

            orders = await pending
                .Join(db.Orders, s => s.CorrelationId, o => o.TrackingId, (s, o) => new PendingOrder(
                    s.OrderNumber,
                    s.CorrelationId,
                    o.CorrelationId,
                    s.CurrentState == OrderFulfillmentStates.NotStarted ? s.OrderJson : null,
                    s.CancelRequestedAt != null,
                    s.CancelReason))
                .ToListAsync(stoppingToken);

            // Sagas that owe something and whose re-drive clock is due (the index on NextRedriveAt).
            var owing = db.OrderSagas.AsNoTracking().TagWith(QueryTag).Where(s => s.NextRedriveAt != null);
            owing = everythingInFlightLost
                ? owing.Where(s => s.NextRedriveAt <= now || s.UpdatedAt < startedAt)
                : owing.Where(s => s.NextRedriveAt <= now);

            owing = owing.Where(OrderSagaRecord.OwesWork).OrderBy(s => s.NextRedriveAt);
            due = await (atStart ? owing : owing.Take(SweepBatch)).ToListAsync(stoppingToken);
            if (due.Count > 0)
            {
                var ids = due.Select(s => s.CorrelationId).ToList();
                parked = await db.FailedMessages.AsNoTracking().TagWith(QueryTag)
                    .Where(f => f.TrackingId != null && ids.Contains(f.TrackingId.Value))
                    .Select(f => new ParkedMessage(f.TrackingId!.Value, f.MessageType, f.Id))
                    .ToListAsync(stoppingToken);

                // The delivery chains of what they owe, from the journal (one query, the index on OrderNumber): a step
                // whose chain still shows progress is not resumed beside it.
                var numbers = due.Select(s => s.OrderNumber).Distinct().ToList();
                var types = due.SelectMany(OwedMessageTypes).Distinct().ToList();
                chains = await db.Journal.AsNoTracking().TagWith(QueryTag)
                    .Where(e => e.OrderNumber != null && numbers.Contains(e.OrderNumber) && e.Direction == JournalDirection.Outbound
                        && e.Destination != null && types.Contains(e.MessageType))
                    .Select(e => new ChainEntry(e.Id, e.TrackingId, e.MessageType, e.Destination!, e.Outcome, e.CompletedAt))
                    .ToListAsync(stoppingToken);
            }
        }

        var resumable = new List<OrderSagaRecord>();
        var handedOver = 0;
        var inChain = 0;
        foreach (var saga in due)
        {
            var owed = OwedMessageTypes(saga);
            if (parked.FirstOrDefault(p => p.TrackingId == saga.CorrelationId && owed.Contains(p.MessageType)) is { } step)
            {
                await TryAsync(saga.OrderNumber, token => HandOverAsync(saga, step, token), stoppingToken);
                handedOver++;
            }
            else if (StillInChain(saga, owed, chains, startedAt, now) is { } nextRedriveAt)
            {
                await TryAsync(saga.OrderNumber, token => PostponeAsync(saga, nextRedriveAt, token), stoppingToken);
                inChain++;
            }
            else
            {
                resumable.Add(saga);
            }
        }

        LogSwept(logger, atStart ? "start-up" : "sweep", due.Count, handedOver, inChain, orders.Count);
        if (resumable.Count == 0 && orders.Count == 0)
        {
            return handedOver;
        }

        var unstarted = orders.Count(o => o.OrderJson is not null);
        if (atStart)
        {
            LogRecovering(logger, resumable.Count, unstarted);
        }
        else
        {
            LogRedrivingStalled(logger, resumable.Count, unstarted);
        }

        foreach (var saga in resumable)
        {
            await TryAsync(saga.OrderNumber, token => ResumeAsync(saga, token), stoppingToken);
        }

        foreach (var order in orders)
        {
            await TryAsync(order.OrderNumber, async token =>
            {
                if (order.OrderJson is not null)
                {
                    await RedriveAsync(order, (PlaceOrder)CanonicalJson.Deserialize(order.OrderJson, typeof(PlaceOrder))!, token);
                }

                // A cancel accepted on disk but not yet seen by the saga is handed to it again.
                if (order.CancelRequested)
                {
                    await RedriveAsync(order, new CancelOrder { OrderNumber = order.OrderNumber, Reason = order.CancelReason }, token);
                }
            }, stoppingToken);
        }

        LogRecovered(logger, resumable.Count, unstarted);
        return handedOver + resumable.Count + orders.Count;
    }

    // The canonical types of what the saga owes: the step it waits on, or the compensations it has not had confirmed.
    private static HashSet<string> OwedMessageTypes(OrderSagaRecord saga)
    {
        IEnumerable<IOrderMessage> owed = saga.WaitingFor is { } step ? [FulfillmentSteps.CommandFor(saga, step)] : FulfillmentSteps.CompensationsFor(saga);
        return owed.Select(m => CanonicalTypes.VersionedNameOf(m.GetType())).ToHashSet(StringComparer.Ordinal);
    }

    // When the delivery chain of what the saga owes still shows progress, the time its re-drive is due again; null when
    // it shows none (resume it). Progress is a scheduled redelivery not yet back (the newest entry of an endpoint's chain
    // says Redelivering: it is alive while the scheduler holds it, up to a bound), or any
    // entry of the chain within the stall period. What died with an earlier process is no progress: with the bus in
    // memory the messages and attempts in flight, with Hangfire in memory the scheduled redeliveries.
    private DateTime? StillInChain(OrderSagaRecord saga, HashSet<string> owed, List<ChainEntry> chains, DateTime startedAt, DateTime now)
    {
        var messagesSurvive = bus.Address.Scheme != "loopback";
        var alive = chains
            .Where(e => e.TrackingId == saga.CorrelationId && owed.Contains(e.MessageType))
            .Where(e => e.CompletedAt >= startedAt || (e.Outcome == JournalOutcomes.Redelivering ? scheduler.SurvivesRestart : messagesSurvive))
            .ToList();
        var stalledAfter = options.Value.RedriveStalledAfter;

        // A redelivery is waited for until the endpoint's whole delay schedule, one polling interval and a stall period
        // have passed since it was scheduled: one that never comes back (a job deleted, a scheduler fault) must not
        // stall the saga for ever. The saga is due again at that bound, and resumed then if nothing came back.
        var waitingUntil = alive.GroupBy(e => (e.MessageType, e.Destination))
            .Select(chain => chain.MaxBy(e => e.Id)!)
            .Where(newest => newest.Outcome == JournalOutcomes.Redelivering)
            .Select(newest => newest.CompletedAt + topology.Current.Retries.For(newest.Destination).TotalDelay + schedulerOptions.Value.PollingInterval + stalledAfter)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
        if (waitingUntil > now)
        {
            return waitingUntil;
        }

        var latest = alive.Count == 0 ? (DateTime?)null : alive.Max(e => e.CompletedAt);
        return latest + stalledAfter > now ? latest + stalledAfter : null;
    }

    // The chain is moving: the saga's clock moves on and the saga is left alone (unless it moved meanwhile).
    private async Task PostponeAsync(OrderSagaRecord saga, DateTime nextRedriveAt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.OrderSagas.TagWith(QueryTag)
            .Where(s => s.CorrelationId == saga.CorrelationId && s.Version == saga.Version)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.NextRedriveAt, (DateTime?)nextRedriveAt), cancellationToken);
        LogStillInChain(logger, saga.OrderNumber, saga.WaitingFor ?? "compensations", nextRedriveAt);
    }

    // What the saga owes was parked after its retries: re-driving it would start a second retry chain (and park it
    // again), so it is left to the operator's replay, and the saga's clock is cleared (unless the saga moved meanwhile).
    private async Task HandOverAsync(OrderSagaRecord saga, ParkedMessage step, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.OrderSagas.TagWith(QueryTag)
            .Where(s => s.CorrelationId == saga.CorrelationId && s.Version == saga.Version)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.NextRedriveAt, (DateTime?)null), cancellationToken);
        LogLeftToOperator(logger, saga.OrderNumber, step.MessageType, step.Id);
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
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{OrderFulfillmentStateMachine.Queue}"));
        await endpoint.Send(new ResumeOrderFulfillment(saga.CorrelationId, saga.OrderNumber, saga.Version), context =>
        {
            context.CorrelationId = saga.CorrelationId;
            foreach (var (name, value) in EnvelopeCodec.FlowHeaders(correlationId: null, sourceAdapter: "recovery"))
            {
                context.Headers.Set(name, value);
            }
        }, cancellationToken);
    }

    private async Task RedriveAsync(PendingOrder order, object command, CancellationToken cancellationToken)
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
        await dispatcher.DispatchAsync(new DispatchRequest(command, envelope, route, order.TrackingId, order.OrderNumber), cancellationToken);
    }

    // OrderJson is set when the saga has not taken the order yet; CancelRequested when a cancel is on the row.
    private sealed record PendingOrder(string OrderNumber, Guid TrackingId, string CorrelationId, string? OrderJson, bool CancelRequested, string? CancelReason);

    private sealed record ParkedMessage(Guid TrackingId, string MessageType, long Id);

    private sealed record ChainEntry(long Id, Guid? TrackingId, string MessageType, string Destination, string Outcome, DateTime CompletedAt);

    [LoggerMessage(EventId = 9120, Level = LogLevel.Information, Message = "Recovery: other hubs were live on this database when this one joined; no start-up recovery (their work is theirs, and the stalled-redrive duty takes what stalls)")]
    private static partial void LogOthersLive(ILogger logger);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Debug, Message = "Re-drive {Round}: {Due} saga(s) due ({Parked} of them parked, left to the operator; {InChain} still in their delivery chain, left to it), {Orders} accepted order(s) to start or hand a cancel")]
    private static partial void LogSwept(ILogger logger, string round, int due, int parked, int inChain, int orders);

    [LoggerMessage(EventId = 9403, Level = LogLevel.Information, Message = "Order {OrderNumber}: the delivery chain of {Step} still shows progress (a redelivery waits in the scheduler, or an attempt within the stall period); not re-driven beside it, due again at {NextRedriveAt:o}")]
    private static partial void LogStillInChain(ILogger logger, string orderNumber, string step, DateTime nextRedriveAt);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Warning, Message = "Order {OrderNumber}: {MessageType} is parked as failed message {FailedMessageId}; it is not re-driven (replay or discard it at /api/failed-messages)")]
    private static partial void LogLeftToOperator(ILogger logger, string orderNumber, string messageType, long failedMessageId);

    [LoggerMessage(EventId = 1400, Level = LogLevel.Warning, Message = "Recovery: resuming {Sagas} saga(s) from their stored state and starting {Unstarted} accepted order(s) that had no saga yet")]
    private static partial void LogRecovering(ILogger logger, int sagas, int unstarted);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Recovery: {Sagas} saga(s) resumed, {Unstarted} order(s) started")]
    private static partial void LogRecovered(ILogger logger, int sagas, int unstarted);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Re-driving stalled work: resuming {Sagas} saga(s) that made no progress and starting {Unstarted} accepted order(s) whose saga never started")]
    private static partial void LogRedrivingStalled(ILogger logger, int sagas, int unstarted);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "Re-driving stalled orders failed; the next round tries again")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error, Message = "Recovery could not re-drive order {OrderNumber}; it is tried again by the next sweep while its re-drive is due")]
    private static partial void LogRedriveFailed(ILogger logger, Exception exception, string orderNumber);
}
