namespace CommerceBus.Core.Sagas.Storage;

/// <summary>The saga outbox's delivery (configuration section <c>CommerceBus:Sagas:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// How often unsent outbox rows are looked for, and how old a row must be before the sweep sends it (a younger one
    /// is still being sent right after its commit). Default 10 seconds.
    /// </summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromSeconds(10);

    // How long one delivery waits for the broker is the bus's CommerceBus:RabbitMq:SendTimeout (BusSendLimit).
}
