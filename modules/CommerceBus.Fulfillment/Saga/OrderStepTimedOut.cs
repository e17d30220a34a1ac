namespace CommerceBus.Fulfillment.Saga;

/// <summary>The scheduled message that tells the saga the step it waits on (<see cref="Step"/>) did not answer in time.</summary>
public sealed record OrderStepTimedOut(Guid TrackingId, string OrderNumber, string Step);
