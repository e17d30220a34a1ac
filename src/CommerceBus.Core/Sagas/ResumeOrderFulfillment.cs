namespace CommerceBus.Core.Sagas;

/// <summary>
/// Sent by start-up recovery to an unfinished saga: re-issue the command of the step it waits on (endpoints are
/// idempotent) and schedule its timeout again from the stored deadline; a finished one re-sends unconfirmed compensations.
/// </summary>
public sealed record ResumeOrderFulfillment(Guid TrackingId, string OrderNumber);
