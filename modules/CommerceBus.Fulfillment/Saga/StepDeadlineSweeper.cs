using CommerceBus.Abstractions.Envelope;
using CommerceBus.Fulfillment.Orders;
using CommerceBus.Persistence;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CommerceBus.Fulfillment.Saga;

/// <summary>
/// Fires the saga's step deadlines, kept on the saga row (<see cref="OrderSagaRecord.StepTimeoutDueAt"/>): when one is
/// due it sends the saga the same <see cref="OrderStepTimedOut"/> a scheduled job used to, so a step costs no statement
/// of its own for its timeout (the deadline is written by the transition's save).
/// </summary>
/// <remarks>
/// <para>
/// It sleeps until the earliest deadline it knows: read from the database at start and after each sweep, moved earlier
/// by the <see cref="StepDeadlineAlarm"/> when a transition on this hub commits an earlier one, and never longer than
/// <see cref="LongestSleep"/> while some deadline exists (another hub's earlier ones). With no deadline pending it does
/// not wake at all: an idle hub runs no query.
/// </para>
/// <para>
/// A due deadline is claimed before its timeout is sent: the claim moves it <see cref="OrderFulfillmentOptions.StepTimeoutRefireAfter"/>
/// on, on the condition that it still holds the value read, so of several hubs on one database one fires it. The saga
/// clears the deadline when it handles the timeout; if the hub dies after the claim (before or after the send), the
/// deadline is due again later and fires again. A timeout the saga already handled, or one for a step it no longer
/// waits on, is ignored by the saga, so firing twice is harmless.
/// </para>
/// </remarks>
internal sealed partial class StepDeadlineSweeper(
    IDbContextFactory<HubDbContext> contexts,
    IBus bus,
    StepDeadlineAlarm alarm,
    TimeProvider clock,
    IOptions<OrderFulfillmentOptions> options,
    ILogger<StepDeadlineSweeper> logger) : BackgroundService
{
    /// <summary>A comment on every statement of the sweep, so it can be told apart in the database's own logs.</summary>
    public const string QueryTag = "CommerceBus: step deadline sweep";

    /// <summary>The longest the sweeper sleeps while some deadline is pending (one it may not have been told of).</summary>
    public static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    // After a failed sweep (the database away), the next try.
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    // A send on a channel the broker dropped may never be confirmed; given up, the claimed deadline fires again later.
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    // A sweep fires at most this many deadlines; if there were more, it sweeps again at once.
    private const int Batch = 200;

    private long _sweeps;
    private long _fired;
    private Waiting? _waiting;

    /// <summary>How many sweeps (database reads) this hub has run; an idle hub runs none after its start.</summary>
    public long Sweeps => Interlocked.Read(ref _sweeps);

    /// <summary>How many step timeouts this hub's sweeps claimed and sent.</summary>
    public long Fired => Interlocked.Read(ref _fired);

    /// <summary>What the sweeper waits for now: null while it sweeps; a null <see cref="Waiting.Until"/> when only the alarm can wake it.</summary>
    public Waiting? Current => Volatile.Read(ref _waiting);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweep = true;
        DateTime? wakeAt = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (sweep)
            {
                wakeAt = await SweepSafelyAsync(stoppingToken);
            }

            var (told, rung) = alarm.Arm(wakeAt);
            if (told is { } t && (wakeAt is null || t < wakeAt))
            {
                wakeAt = t;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = wakeAt is { } at ? Clamp(at - Now()) : Timeout.InfiniteTimeSpan;
            var timer = Task.Delay(delay, clock, wait.Token);
            Volatile.Write(ref _waiting, new Waiting(wakeAt));
            var first = await Task.WhenAny(timer, rung);
            Volatile.Write(ref _waiting, null);
            await wait.CancelAsync();
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            // Rung: an earlier deadline was committed here; wait for it instead (nothing to read).
            sweep = first == timer;
        }
    }

    private static TimeSpan Clamp(TimeSpan delay) => delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > LongestSleep ? LongestSleep : delay;

    // When to wake next: the earliest pending deadline (at most LongestSleep from now), or null when none is pending.
    private async Task<DateTime?> SweepSafelyAsync(CancellationToken stoppingToken)
    {
        alarm.Disarm();
        Interlocked.Increment(ref _sweeps);
        try
        {
            return await SweepAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogSweepFailed(logger, ex, RetryAfter);
            return Now() + RetryAfter;
        }
    }

    private async Task<DateTime?> SweepAsync(CancellationToken stoppingToken)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(stoppingToken);
        var due = await db.OrderSagas.AsNoTracking().TagWith(QueryTag)
            .Where(s => s.StepTimeoutDueAt != null && s.StepTimeoutDueAt <= now)
            .OrderBy(s => s.StepTimeoutDueAt)
            .Take(Batch)
            .Select(s => new DueDeadline(s.CorrelationId, s.OrderNumber, s.WaitingFor, s.StepTimeoutDueAt!.Value))
            .ToListAsync(stoppingToken);

        var claimed = 0;
        foreach (var deadline in due)
        {
            claimed += await FireAsync(db, deadline, now, stoppingToken);
        }

        if (due.Count == Batch && claimed > 0)
        {
            return now;
        }

        var next = await db.OrderSagas.AsNoTracking().TagWith(QueryTag)
            .Where(s => s.StepTimeoutDueAt != null)
            .MinAsync(s => s.StepTimeoutDueAt, stoppingToken);

        // Still due although this round claimed none of it (a row changing under every claim): not again at once.
        return next <= now && claimed == 0 && due.Count > 0 ? now + RetryAfter : next;
    }

    // 1 when this hub claimed the deadline (and sent its timeout, or will send it again when the claim runs out).
    private async Task<int> FireAsync(HubDbContext db, DueDeadline deadline, DateTime now, CancellationToken stoppingToken)
    {
        // Claimed only if no one (another hub's sweep, the saga itself) changed the deadline since it was read.
        var refireAt = deadline.WaitingFor is null ? (DateTime?)null : now + options.Value.StepTimeoutRefireAfter;
        var claimed = await db.OrderSagas.TagWith(QueryTag)
            .Where(s => s.CorrelationId == deadline.TrackingId && s.StepTimeoutDueAt == deadline.DueAt)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.StepTimeoutDueAt, refireAt), stoppingToken);
        if (claimed == 0 || deadline.WaitingFor is not { } step)
        {
            return claimed;
        }

        LogFiring(logger, deadline.OrderNumber, step, deadline.DueAt);
        Interlocked.Increment(ref _fired);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        bounded.CancelAfter(SendTimeout);
        try
        {
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{OrderFulfillmentStateMachine.Queue}"));
            await endpoint.Send(new OrderStepTimedOut(deadline.TrackingId, deadline.OrderNumber, step), context =>
            {
                context.CorrelationId = deadline.TrackingId;
                foreach (var (name, value) in EnvelopeCodec.FlowHeaders(correlationId: null, sourceAdapter: "step-deadline"))
                {
                    context.Headers.Set(name, value);
                }
            }, bounded.Token).WaitAsync(bounded.Token);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogSendFailed(logger, ex, deadline.OrderNumber, step, refireAt!.Value);
        }

        return 1;
    }

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    /// <summary>The sweeper sleeps until <paramref name="Until"/> (UTC), or, when null, until a transition tells it of a deadline.</summary>
    public sealed record Waiting(DateTime? Until);

    private sealed record DueDeadline(Guid TrackingId, string OrderNumber, string? WaitingFor, DateTime DueAt);

    [LoggerMessage(EventId = 9400, Level = LogLevel.Information, Message = "Order {OrderNumber}: step {Step} did not answer by its deadline {DueAt:O}; its timeout is sent to the saga")]
    private static partial void LogFiring(ILogger logger, string orderNumber, string step, DateTime dueAt);

    [LoggerMessage(EventId = 9401, Level = LogLevel.Warning, Message = "Order {OrderNumber}: the timeout of step {Step} could not be sent; it fires again at {RefireAt:O}")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string orderNumber, string step, DateTime refireAt);

    [LoggerMessage(EventId = 9402, Level = LogLevel.Warning, Message = "The step deadline sweep failed; it tries again in {RetryAfter}")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception, TimeSpan retryAfter);
}
