namespace CommerceBus.OperatorConsole.Orders;

/// <summary>One step of an order's journey: when, what kind of step, what happened and how long it took.</summary>
/// <param name="Kind">intake, delivery, reply, retry, compensation, timeout, skipped, parked or operator.</param>
/// <param name="What">The message and where it went, e.g. <c>CapturePayment.v1 to payments</c>.</param>
/// <param name="Rule">The routing rule(s) that chose the destination, when there was a routing decision.</param>
/// <param name="Since">Time since the previous step.</param>
/// <param name="FailedMessageId">For a parked step: the failed message to act on.</param>
/// <param name="At">When the step happened.</param>
/// <param name="Outcome">What the journal recorded, e.g. Delivered or Failed.</param>
/// <param name="Detail">The journal's detail: the reply, the error.</param>
/// <param name="DurationMs">How long the step took.</param>
/// <param name="TraceId">The trace the step was handled in.</param>
public sealed record TimelineStep(
    DateTime At,
    string Kind,
    string What,
    string Outcome,
    string? Detail,
    string? Rule,
    double DurationMs,
    TimeSpan Since,
    string? TraceId,
    long? FailedMessageId);
