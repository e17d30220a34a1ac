namespace CommerceBus.Fulfillment.Saga;

/// <summary>
/// Sent by recovery (at start-up, or for a saga whose re-drive clock is due) to a saga that owes something: re-issue the
/// command of the step it waits on (endpoints are idempotent) and tell this hub's deadline sweep of the stored deadline;
/// a failed or cancelled one re-sends its unconfirmed compensations.
/// </summary>
/// <param name="TrackingId">The saga's correlation id.</param>
/// <param name="OrderNumber">The order's number.</param>
/// <param name="SagaVersion">
/// The saga's version recovery saw; the saga acts only if it is still at that version, so two resumes sent for one
/// stall (two sweeps, two hubs) start one retry chain. Null (a resume from an older hub): acted on unconditionally.
/// </param>
public sealed record ResumeOrderFulfillment(Guid TrackingId, string OrderNumber, int? SagaVersion = null);
