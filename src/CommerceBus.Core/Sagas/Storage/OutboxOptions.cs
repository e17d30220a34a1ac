namespace CommerceBus.Core.Sagas.Storage;

/// <summary>The saga outbox's delivery (configuration section <c>CommerceBus:Sagas:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// How often unsent outbox rows are looked for, and how old a row must be before the sweep sends it (a younger one
    /// is still being sent right after its commit). Default 10 seconds.
    /// </summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a sent row waits for the next saga write to delete it in its own transaction before it is removed by a
    /// statement of its own (an idle hub, a saga's last step). Default 200 milliseconds; a process killed within it
    /// sends the row again at its next start (the receivers ignore the repeat).
    /// </summary>
    public TimeSpan RemoveSentAloneAfter { get; set; } = TimeSpan.FromMilliseconds(200);

    // How long one delivery waits for the broker is the bus's CommerceBus:RabbitMq:SendTimeout (BusSendLimit).
}
