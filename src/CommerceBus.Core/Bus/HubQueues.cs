namespace CommerceBus.Core.Bus;

/// <summary>The hub's own queues on the bus.</summary>
public static class HubQueues
{
    /// <summary>The routed-command dispatcher's queue.</summary>
    public const string Dispatch = "commercebus-dispatch";

    /// <summary>The scheduler's queue (MassTransit's scheduling seam, served by the Hangfire scheduler).</summary>
    public const string Scheduler = "commercebus-scheduler";
}
