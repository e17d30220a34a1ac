namespace CommerceBus.Fulfillment.Saga;

/// <summary>
/// Tells the saga the step it waits on (<see cref="Step"/>) did not answer in time: sent by the
/// <see cref="StepDeadlineSweeper"/> (and, before it, by a scheduled Hangfire job: keep the type's name and namespace, so
/// such a job still due after an upgrade is understood).
/// </summary>
public sealed record OrderStepTimedOut(Guid TrackingId, string OrderNumber, string Step);
