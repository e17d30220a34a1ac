namespace CommerceBus.Core.Dispatch.Recoverability;

/// <summary>One failed attempt to deliver a command to an endpoint: when, in which round, and what it threw.</summary>
/// <param name="At">When the attempt failed (UTC).</param>
/// <param name="Endpoint">The logical endpoint it was delivered to.</param>
/// <param name="Round">0 for the first delivery, then 1, 2, … for each delayed redelivery (a replay starts at 0 again).</param>
/// <param name="ExceptionType">The full name of the exception type.</param>
/// <param name="Message">The exception message.</param>
public sealed record DeliveryAttempt(DateTime At, string Endpoint, int Round, string ExceptionType, string Message);
