namespace CommerceBus.Fulfillment.Saga;

/// <summary>The order fulfillment saga's settings (configuration <c>CommerceBus:Sagas:OrderFulfillment</c>).</summary>
public sealed class OrderFulfillmentOptions
{
    /// <summary>How long the saga waits for any step's answer before it compensates and fails the order.</summary>
    public TimeSpan StepTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per-step overrides, keyed by the step's command: <c>ReserveStock</c>, <c>CapturePayment</c>, <c>BookOrder</c>, <c>BookShipment</c>.</summary>
    public Dictionary<string, TimeSpan> StepTimeouts { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// How long after the step deadline sweep sent a step's timeout it sends it again if the saga has not handled it by
    /// then (the hub was killed after the send, or the send failed). Firing twice is harmless: the saga ignores a timeout
    /// for a step it no longer waits on.
    /// </summary>
    public TimeSpan StepTimeoutRefireAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long an unfinished order may go without progress before the running hub re-drives it from its stored state,
    /// as start-up recovery does. A send lost on its way to the bus after the commit (a broker restart drops the channel)
    /// would otherwise strand the order until the next start; endpoints are called idempotently, so re-driving a step that
    /// is merely slow only asks again. Each further re-drive of the same saga waits twice as long (up to
    /// <see cref="RedriveBackoffLimit"/>). Must be longer than every endpoint's delayed retries (checked at start-up), so
    /// a re-drive never starts a second retry chain beside one still running.
    /// </summary>
    public TimeSpan RedriveStalledAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How often the stalled-order sweep (the duty <c>stalled-redrive</c>) looks for sagas whose re-drive clock is due;
    /// unset, half of <see cref="RedriveStalledAfter"/> (at least a second). With several hubs, one of them sweeps.
    /// </summary>
    public TimeSpan? RedriveEvery { get; set; }

    /// <summary>The sweep's period: <see cref="RedriveEvery"/>, or half of <see cref="RedriveStalledAfter"/>, at least a second.</summary>
    public TimeSpan RedriveInterval => RedriveEvery is { } every && every > TimeSpan.Zero
        ? every
        : TimeSpan.FromTicks(Math.Max(RedriveStalledAfter.Ticks / 2, TimeSpan.FromSeconds(1).Ticks));

    /// <summary>The longest wait between two re-drives of one saga (the exponential backoff's ceiling); default 1 hour.</summary>
    public TimeSpan RedriveBackoffLimit { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan TimeoutFor(string step) => StepTimeouts.TryGetValue(step, out var timeout) ? timeout : StepTimeout;
}
